package imago.experiments.run;

import imago.model.config.ConfigException;
import imago.model.config.Location;
import imago.model.experiment.FaultSpec;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultModelJson;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Turns a scenario's {@link FaultSpec} into the {@link FaultModel} the backends inject from. */
public final class FaultModels {

    private final Path configDir;
    private final Supplier<FaultModel> learned;
    private FaultModel learnedModel;

    /**
     * @param configDir relative paths in the config are resolved against it
     * @param learned   computes the learned model when the config names no file
     */
    public FaultModels(Path configDir, Supplier<FaultModel> learned) {
        this.configDir = configDir;
        this.learned = learned;
    }

    /** The learned model is computed once per run, however many arms ask for it. */
    private synchronized FaultModel learned() {
        if (learnedModel == null) {
            learnedModel = learned.get();
        }
        return learnedModel;
    }

    public FaultModel resolve(FaultSpec spec) {
        return switch (spec) {
            case FaultSpec.None n -> FaultModel.none();
            case FaultSpec.Default d -> FaultModel.handWritten();
            case FaultSpec.Given g -> g.model();
            case FaultSpec.Learned l when l.path().isPresent() -> {
                Path p = configDir.resolve(l.path().get());
                if (!p.toFile().isFile()) {
                    throw new ConfigException(Location.of(p), "faults.learned", "no such fault-model.json");
                }
                yield FaultModelJson.read(p);
            }
            case FaultSpec.Learned l -> learned();
            case FaultSpec.Scaled sc -> resolve(sc.base()).scaled(sc.factor());
        };
    }
}
