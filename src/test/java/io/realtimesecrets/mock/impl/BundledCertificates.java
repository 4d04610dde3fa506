package io.realtimesecrets.mock.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/** The mock's bundled self-signed certificate and key, for test servers other than the mock itself. */
public final class BundledCertificates {

  private BundledCertificates() {
  }

  /** @return the certificate and key the mock serves over TLS by default */
  public static PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(BundledCertificate.CERTIFICATE_PEM))
        .setKeyValue(Buffer.buffer(BundledCertificate.PRIVATE_KEY_PEM));
  }

  /** @return trust options that accept {@link #keyCert()} */
  public static PemTrustOptions trust() {
    return new PemTrustOptions().addCertValue(Buffer.buffer(BundledCertificate.CERTIFICATE_PEM));
  }
}
