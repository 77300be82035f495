/**
 * The Jetty ingress in front of the application nodes: a routing table swapped atomically, a drain
 * of chosen backends, and the switch (hold new requests, drain in-flight ones, run a callback,
 * flip, release), with sticky routing of old sessions' callbacks to the old universe, a canary's
 * weighted split of sessions between versions (each session kept on its side), and the log of what
 * each backend served that a canary's analysis reads.
 */
package imago.executor.ingress;
