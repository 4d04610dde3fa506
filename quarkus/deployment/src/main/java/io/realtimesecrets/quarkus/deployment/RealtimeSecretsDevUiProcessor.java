package io.realtimesecrets.quarkus.deployment;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.realtimesecrets.quarkus.runtime.dev.RealtimeSecretsJsonRpcService;

/** The Dev UI card (dev mode only): the pools with their live stock, hit ratio and counters. */
class RealtimeSecretsDevUiProcessor {

  @BuildStep(onlyIf = IsDevelopment.class)
  void card(BuildProducer<CardPageBuildItem> cards) {
    CardPageBuildItem card = new CardPageBuildItem();
    card.addPage(Page.webComponentPageBuilder()
        .title("Secret pools")
        .icon("font-awesome-solid:key")
        .componentLink("qwc-realtime-secrets-pools.js")
        .dynamicLabelJsonRPCMethodName("getStockLabel"));
    cards.produce(card);
  }

  // in every mode, as Quarkus asks (it also reads it outside dev mode); the service only runs in dev mode
  @BuildStep
  JsonRPCProvidersBuildItem service() {
    return new JsonRPCProvidersBuildItem(RealtimeSecretsJsonRpcService.class);
  }
}
