/**
 * The system under upgrade, as the executor needs it: {@link imago.executor.testbed.SystemUnderTest}
 * (start a node of a version, health and warm-up, configuration, schema, conversion, change capture,
 * sync, integrity check). {@link imago.executor.testbed.BiddingSystem} implements it for the bundled
 * online-bidding testbed ({@link imago.executor.testbed.BiddingTestbed}: the jars, the upgrades it
 * has, each with its {@link imago.executor.testbed.Migration}, and the check that an experiment
 * describes that system). A second system is a second implementation; the run does
 * not change.
 */
package imago.executor.testbed;
