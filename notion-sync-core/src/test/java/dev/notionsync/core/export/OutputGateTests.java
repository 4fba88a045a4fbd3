package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputGateTests {

    @Test
    void aClosedGateRefusesNewStepsButLetsCleanupsIn() {
        OutputGate gate = new OutputGate();
        AtomicInteger ran = new AtomicInteger();
        assertThat(gate.writing(ran::incrementAndGet)).isEqualTo(1);

        gate.close();

        assertThatThrownBy(() -> gate.writing(ran::incrementAndGet)).isInstanceOf(CancellationException.class);
        assertThat(gate.ifOpen(ran::incrementAndGet)).isFalse();
        gate.cleanup(ran::incrementAndGet);
        assertThat(ran).hasValue(2);
        assertThat(gate.awaitQuiet(Duration.ZERO)).isTrue();
    }

    @Test
    void aStepInFlightKeepsTheGateBusyUntilItEnds() {
        OutputGate gate = new OutputGate();
        gate.enter(false);
        gate.close();

        // no patience: the step has not ended
        assertThat(gate.awaitQuiet(Duration.ZERO)).isFalse();
        gate.exit();
        assertThat(gate.awaitQuiet(Duration.ZERO)).isTrue();
    }

    @Test
    void aFailingStepStillLeavesTheGate() {
        OutputGate gate = new OutputGate();
        assertThatThrownBy(() -> gate.writing(() -> {
            throw new IllegalStateException("disk");
        })).hasMessage("disk");

        assertThat(gate.awaitQuiet(Duration.ZERO)).isTrue();
    }
}
