/**
 * When a started node may take traffic ({@link imago.model.health.Readiness}) and when production's
 * own requests show a fault ({@link imago.model.health.MonitorRule}): rules stated once, so that
 * every runner that decides either applies the same one. A slow start is told from a fault by
 * design: readiness includes warm-up, and the monitor needs a minimum count of failures, in a
 * window sized to the request rate, attributed to the node that served them, persisting over
 * consecutive measurements.
 */
package imago.model.health;
