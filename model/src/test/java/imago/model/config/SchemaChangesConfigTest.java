package imago.model.config;

import imago.model.experiment.Experiment;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.strategy.Strategy;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;
import imago.model.upgrade.SchemaOp.TableAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code upgrade.schema.changes}: reading, the per-table access derived from it, expand/contract plans, bad input. */
class SchemaChangesConfigTest {

    static final String VALID = """
            name: small
            system:
              tiers:
                - {name: ingress, kind: ingress, replicas: 1}
                - {name: app, replicas: 3}
                - {name: db, kind: database, replicas: 1}
              dependencies:
                - {from: app, to: db, kind: schema}
            workload:
              arrivals: {rate: 50}
            upgrade:
              tiers: [app]
              schema:
                conversionRate: 100
                tables:
                  - {name: items, rows: 400, columns: [id, price_cents, name]}
                  - {name: bids, rows: 600}
                changes:
                  - {op: rename-column, table: items, column: price_cents, to: price}
                  - {op: change-type, table: items, column: price, type: decimal}
                  - {op: add-column, table: bids, column: currency, default: USD}
            scenarios:
              - {name: rolling, strategy: {kind: rolling, maxUnavailable: 1}}
            """;

    static Experiment parse(String yaml) {
        return ExperimentLoader.parse("small.yaml", yaml);
    }

    @Test
    void readsTheOperationsAndDerivesEachTablesAccess() {
        SchemaChange s = parse(VALID).upgrade().schema().orElseThrow();
        assertThat(s.changes()).containsExactly(new SchemaOp.RenameColumn("items", "price_cents", "price"),
                new SchemaOp.ChangeType("items", "price", "decimal"),
                new SchemaOp.AddColumn("bids", "currency", true, Optional.of("USD")));
        assertThat(s.tables().getFirst().columns()).containsExactly("id", "price_cents", "name");
        // items: renamed and retyped, neither version uses the other's; bids: an added column with a default.
        assertThat(s.accesses()).containsExactly(TableAccess.NONE, new TableAccess(true, true, false));
        assertThat(s.compatible()).isFalse();
    }

    /** The derivation table of the README, one row per operation. */
    @Test
    void eachOperationsAccessFollowsTheTable() {
        Optional<String> none = Optional.empty();
        assertThat(new SchemaOp.AddColumn("t", "c", true, none).access()).isEqualTo(new TableAccess(true, true, false));
        assertThat(new SchemaOp.AddColumn("t", "c", false, none).access()).isEqualTo(new TableAccess(true, false, false));
        assertThat(new SchemaOp.AddColumn("t", "c", false, Optional.of("0")).access()).isEqualTo(new TableAccess(true, true, false));
        assertThat(new SchemaOp.DropColumn("t", "c").access()).isEqualTo(new TableAccess(false, false, true));
        assertThat(new SchemaOp.RenameColumn("t", "c", "d").access()).isEqualTo(TableAccess.NONE);
        assertThat(new SchemaOp.ChangeType("t", "c", "text").access()).isEqualTo(TableAccess.NONE);
        assertThat(new SchemaOp.AddNotNull("t", "c", none).access()).isEqualTo(new TableAccess(true, false, true));
        assertThat(new SchemaOp.AddNotNull("t", "c", Optional.of("0")).access()).isEqualTo(TableAccess.ALL);
        assertThat(new SchemaOp.AddTable("t").access()).isEqualTo(new TableAccess(true, true, false));
        assertThat(new SchemaOp.DropTable("t").access()).isEqualTo(new TableAccess(false, false, true));
        assertThat(new SchemaOp.RenameTable("t", "u").access()).isEqualTo(TableAccess.NONE);
        assertThat(new SchemaOp.AddIndex("t", "c").access()).isEqualTo(TableAccess.ALL);
        assertThat(new SchemaOp.Backfill("t", "c").access()).isEqualTo(TableAccess.ALL);
    }

    @Test
    void compatibleIsAShorthandForEveryTableAndMustAgreeWithTheChanges() {
        String compatibleOnly = VALID.substring(0, VALID.indexOf("    changes:")) + "    compatible: true\n"
                + VALID.substring(VALID.indexOf("scenarios:"));
        assertThat(parse(compatibleOnly).upgrade().schema().orElseThrow().accesses()).containsOnly(TableAccess.ALL);
        assertThat(parse(compatibleOnly.replace("compatible: true", "compatible: false")).upgrade().schema().orElseThrow().accesses())
                .containsOnly(TableAccess.NONE);
        // Both given and agreeing is fine.
        assertThat(parse(VALID.replace("    changes:", "    compatible: false\n    changes:")).upgrade().schema().orElseThrow().compatible())
                .isFalse();
        String nullable = VALID.replace("  - {op: rename-column, table: items, column: price_cents, to: price}\n", "")
                .replace("  - {op: change-type, table: items, column: price, type: decimal}\n", "");
        assertThat(parse(nullable).upgrade().schema().orElseThrow().compatible()).isTrue();
    }

    @Test
    void expandContractExpandsBeforeTheRolloutAndContractsAfterIt() {
        Experiment e = parse(VALID.replace("maxUnavailable: 1}", "maxUnavailable: 1, expandContract: true}"));
        assertThat(e.scenarios().getFirst().strategy()).isInstanceOfSatisfying(Strategy.Rolling.class,
                r -> assertThat(r.expandContract()).isTrue());
        Plan plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile("rolling", e.scenarios().getFirst().strategy());
        List<Step> steps = plan.steps().stream().map(PlannedStep::step).toList();
        assertThat(steps.getFirst()).isInstanceOfSatisfying(Step.ConvertData.class,
                c -> assertThat(c.phase()).isEqualTo(Step.ConvertData.Phase.EXPAND));
        assertThat(steps.getLast()).isInstanceOfSatisfying(Step.ConvertData.class,
                c -> assertThat(c.phase()).isEqualTo(Step.ConvertData.Phase.CONTRACT));
        // Every old node is gone before the contract: the last Start precedes it.
        assertThat(steps.subList(1, steps.size() - 1)).noneMatch(st -> st instanceof Step.ConvertData);
        // Without it, one full conversion first, as before.
        Experiment plain = parse(VALID);
        Plan p = new PlanCompiler(plain.topology(), plain.workload(), plain.upgrade()).compile("rolling", plain.scenarios().getFirst().strategy());
        assertThat(p.steps().stream().map(PlannedStep::step).filter(st -> st instanceof Step.ConvertData))
                .singleElement().isInstanceOfSatisfying(Step.ConvertData.class, c -> assertThat(c.phase()).isEqualTo(Step.ConvertData.Phase.FULL));
    }

    /** A sweep or an advice varies a strategy's knobs and keeps its expand/contract. */
    @Test
    void sweepsKeepExpandContract() {
        Experiment e = parse(VALID.replace("maxUnavailable: 1}", "maxUnavailable: 1, expandContract: true}"));
        var arm = new imago.model.experiment.Arm("rolling", java.util.Map.of(), e, e.scenarios().getFirst());
        for (var p : List.of(imago.model.experiment.SweepParameter.ROLLING_MAX_UNAVAILABLE,
                imago.model.experiment.SweepParameter.ROLLING_MAX_SURGE)) {
            assertThat(p.apply(arm, 2).scenario().strategy()).isInstanceOfSatisfying(Strategy.Rolling.class,
                    r -> assertThat(r.expandContract()).isTrue());
        }
        Experiment c = parse(VALID.replace("{name: rolling, strategy: {kind: rolling, maxUnavailable: 1}}",
                "{name: c, strategy: {kind: canary, expandContract: true, steps: [{setWeight: 50}, {setWeight: 100}]}}"));
        var canary = new imago.model.experiment.Arm("c", java.util.Map.of(), c, c.scenarios().getFirst());
        assertThat(imago.model.experiment.SweepParameter.CANARY_FIRST_WEIGHT.apply(canary, 25).scenario().strategy())
                .isInstanceOfSatisfying(Strategy.Canary.class, x -> assertThat(x.expandContract()).isTrue());
    }

    @Test
    void aCanaryOverAnIncompatibleChangeIsAcceptedWithExpandContract() {
        String canary = "{name: rolling, strategy: {kind: canary, steps: [{setWeight: 50}, {setWeight: 100}]}}";
        String yaml = VALID.replace("{name: rolling, strategy: {kind: rolling, maxUnavailable: 1}}", canary);
        assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("a canary needs a compatible schema change");
        Experiment e = parse(yaml.replace("steps:", "expandContract: true, steps:"));
        assertThat(e.scenarios().getFirst().strategy()).isInstanceOfSatisfying(Strategy.Canary.class,
                c -> assertThat(c.expandContract()).isTrue());
    }

    record Case(String what, String from, String to, String expected) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Case> badInputs() {
        String rename = "{op: rename-column, table: items, column: price_cents, to: price}";
        return Stream.of(
                new Case("unknown operation", rename, "{op: rename-col, table: items, column: price_cents, to: price}",
                        "small.yaml:19:14: upgrade.schema.changes[0].op: unknown operation 'rename-col' (expected one of add-column, drop-column,"),
                new Case("unknown table", rename, "{op: rename-column, table: orders, column: price_cents, to: price}",
                        "small.yaml:19:36: upgrade.schema.changes[0].table: no table 'orders' in schema.tables (items, bids)"),
                new Case("rename of a column that does not exist", rename, "{op: rename-column, table: items, column: cost, to: price}",
                        "small.yaml:19:51: upgrade.schema.changes[0].column: table 'items' has no column 'cost' (it has id, price_cents, name)"),
                new Case("a column known only by its old name after a rename", "column: price, type", "column: price_cents, type",
                        "small.yaml:20:49: upgrade.schema.changes[1].column: table 'items' has no column 'price_cents' (it has id, name, price)"),
                new Case("drop of a column that does not exist", rename, "{op: drop-column, table: items, column: cost}",
                        "small.yaml:19:49: upgrade.schema.changes[0].column: table 'items' has no column 'cost'"),
                new Case("rename onto an existing column", rename, "{op: rename-column, table: items, column: price_cents, to: name}",
                        "small.yaml:19:68: upgrade.schema.changes[0].to: table 'items' already has a column 'name'"),
                new Case("missing required field", rename, "{op: rename-column, table: items, column: price_cents}",
                        "small.yaml:19:9: upgrade.schema.changes[0].to: required field is missing"),
                new Case("missing op", rename, "{table: items, column: price_cents, to: price}",
                        "small.yaml:19:9: upgrade.schema.changes[0].op: required field is missing"),
                new Case("unknown field of an operation", rename, "{op: rename-column, table: items, column: price_cents, to: price, type: int}",
                        "small.yaml:19:75: upgrade.schema.changes[0].type: unknown field"),
                new Case("a column listed twice", "columns: [id, price_cents, name]", "columns: [id, name, name]",
                        "small.yaml:16:54: upgrade.schema.tables[0].columns[2]: column 'name' listed twice"),
                new Case("no operations", VALID.substring(VALID.indexOf("    changes:"), VALID.indexOf("scenarios:")), "    changes: []\n",
                        "small.yaml:18:14: upgrade.schema.changes: must list at least one operation"),
                new Case("compatible: true contradicting the changes", "    changes:", "    compatible: true\n    changes:",
                        "small.yaml:18:17: upgrade.schema.compatible: contradicts the changes: changes[0] (rename-column) leaves the old version unable to read table 'items'"),
                new Case("compatible: false contradicting the changes", "    changes:\n      - " + rename + "\n      - {op: change-type, table: items, column: price, type: decimal}\n",
                        "    compatible: false\n    changes:\n",
                        "small.yaml:18:17: upgrade.schema.compatible: contradicts the changes: the changes leave every table readable and writable by the old version"),
                new Case("expandContract with an operation it cannot expand", "{op: change-type, table: items, column: price, type: decimal}",
                        "{op: rename-table, table: bids, to: offers}",
                        "small.yaml:23:82: scenarios[0].strategy.expandContract: upgrade.schema.changes[1] (rename-table of bids) cannot be expanded"),
                new Case("expandContract without operations", VALID.substring(VALID.indexOf("    changes:"), VALID.indexOf("scenarios:")),
                        "    compatible: false\n",
                        "small.yaml:20:82: scenarios[0].strategy.expandContract: needs upgrade.schema.changes, the operations to expand (the schema gives only compatible:)"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void rejectsBadChangesWithALocatedOneLineError(Case c) {
        String base = c.what().startsWith("expandContract")
                ? VALID.replace("maxUnavailable: 1}", "maxUnavailable: 1, expandContract: true}") : VALID;
        assertThat(base).contains(c.from());
        assertThatThrownBy(() -> parse(base.replace(c.from(), c.to())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(c.expected())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
