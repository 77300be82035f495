/**
 * The Jetty ingress in front of the application nodes: a routing table swapped atomically, a drain
 * of chosen backends, and the switch (hold new requests, drain in-flight ones, run a callback,
 * flip, release), with sticky routing of old sessions' callbacks to the old universe.
 */
package imago.executor.ingress;
