/**
 * Child processes on loopback ports that die with the executor (a stdin pipe only it holds, a
 * shutdown hook), Java command lines, an HTTP client with time-outs, and folder removal.
 */
package imago.executor.process;
