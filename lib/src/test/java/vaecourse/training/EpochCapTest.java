package vaecourse.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpochCapTest {

  @Test
  void capBelowPatienceLeavesTheCapToEndTheRun() {
    EpochCap cap = EpochCap.ofRecipe(12);
    assertEquals(20, cap.patience());
    assertEquals(1000, cap.recipeEpochs());
    assertFalse(cap.patienceCanStop());
    assertEquals(0, cap.latestEarlyStopBest());
    assertEquals(
        "at most 12 of the recipe's 1000 epochs; patience 20 needs 21 epochs to fire, so the cap"
            + " ends the run and the best epoch is restored",
        cap.describe());
  }

  @Test
  void capAbovePatienceSaysWhichBestEpochsCanStopEarly() {
    EpochCap cap = EpochCap.ofRecipe(50);
    assertTrue(cap.patienceCanStop());
    assertEquals(30, cap.latestEarlyStopBest());
    assertTrue(cap.describe().endsWith("ends a run early only if its best epoch is 30 or earlier"));
    // The boundary: 21 epochs let patience 20 fire after a best first epoch.
    assertEquals(1, EpochCap.ofRecipe(21).latestEarlyStopBest());
    assertFalse(EpochCap.ofRecipe(20).patienceCanStop());
  }

  @Test
  void rejectsCapsOutsideTheRecipe() {
    var e = assertThrows(IllegalArgumentException.class, () -> EpochCap.ofRecipe(1001));
    assertTrue(e.getMessage().contains("1001"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EpochCap.ofRecipe(0));
    assertThrows(IllegalArgumentException.class, () -> new EpochCap(5, 0, 10));
  }
}
