/** Internal: per-purpose MRG32k3a streams and allocation-free sampling of model distributions. */
package imago.sim.random;
