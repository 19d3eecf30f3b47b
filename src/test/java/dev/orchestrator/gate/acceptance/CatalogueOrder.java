package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Tag;

import java.util.Comparator;

/** Runs the adapter's criterion tests in the catalogue's run order ({@link Criterion#RUN_ORDER}), read from each test's tag. */
public final class CatalogueOrder implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparingInt(CatalogueOrder::step));
    }

    private static int step(MethodDescriptor method) {
        return method.findAnnotation(Tag.class).flatMap(tag -> Criterion.byId(tag.value())).map(Criterion::step).orElse(Integer.MAX_VALUE);
    }
}
