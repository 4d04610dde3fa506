package io.realtimesecrets.model;

import io.realtimesecrets.model.impl.Checks;
import java.util.List;

/** Rules for list fields that several request types share. */
final class SharedRules {

  private SharedRules() {
  }

  static void tools(String path, List<Tool> tools, Dialect dialect) {
    if (tools == null) {
      return;
    }
    for (int i = 0; i < tools.size(); i++) {
      String at = path + "[" + i + "]";
      if (tools.get(i) == null) {
        throw Checks.fail(at, "must not be null");
      }
      tools.get(i).validate(at, dialect);
    }
  }

  static void include(String path, List<IncludeOption> include) {
    if (include == null) {
      return;
    }
    for (int i = 0; i < include.size(); i++) {
      String at = path + "[" + i + "]";
      Checks.required(at, include.get(i));
      Checks.oneOf(at, include.get(i).value(), IncludeOption.knownWireValues());
    }
  }

  static void modalities(String path, List<Modality> modalities, boolean bothAllowed) {
    if (modalities == null) {
      return;
    }
    if (modalities.isEmpty()) {
      throw Checks.fail(path, "must have at least one item");
    }
    for (int i = 0; i < modalities.size(); i++) {
      String at = path + "[" + i + "]";
      Checks.required(at, modalities.get(i));
      Checks.oneOf(at, modalities.get(i).value(), Modality.knownWireValues());
    }
    if (!bothAllowed && modalities.size() > 1) {
      throw Checks.fail(path, "must be [\"audio\"] or [\"text\"], not both");
    }
  }

  static void betaFormat(String path, BetaAudioFormat format) {
    if (format != null) {
      Checks.oneOf(path, format.value(), BetaAudioFormat.knownWireValues());
    }
  }

  static void model(String path, String model, boolean required) {
    if (required) {
      Checks.required(path, model);
    }
    Checks.notBlank(path, model);
  }
}
