package io.realtimesecrets.mock.impl;

/**
 * The self-signed certificate and key the mock serves over HTTPS unless told otherwise. Valid for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} for 100 years (EC P-256). The key is public on purpose:
 * it protects nothing but test traffic to a mock, and bundling it avoids generating one at run time (the
 * Vert.x helper for that is deprecated for removal in 5.x and needs extra providers on some JDKs).
 */
final class BundledCertificate {

  static final String CERTIFICATE_PEM = """
-----BEGIN CERTIFICATE-----
MIIB7jCCAZSgAwIBAgIUOmeCRsztFml8WOyeIRNoGxluCIgwCgYIKoZIzj0EAwIw
NDESMBAGA1UEAwwJbG9jYWxob3N0MR4wHAYDVQQKDBVyZWFsdGltZS1zZWNyZXRz
IG1vY2swIBcNMjYxMTI1MTk0MjA3WhgPMjEyNjExMDExOTQyMDdaMDQxEjAQBgNV
BAMMCWxvY2FsaG9zdDEeMBwGA1UECgwVcmVhbHRpbWUtc2VjcmV0cyBtb2NrMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEhmjVZGombACXFZRvLITaWFRLRglp2BT5
8da7YqybJFxoYXQF94Jl0DbqXqyLaLvy8TxOjXkCGW10Al1N8L/IvaOBgTB/MB0G
A1UdDgQWBBTMDApd34D+3FOF3So3n43qCIoNNDAfBgNVHSMEGDAWgBTMDApd34D+
3FOF3So3n43qCIoNNDAPBgNVHRMBAf8EBTADAQH/MCwGA1UdEQQlMCOCCWxvY2Fs
aG9zdIcEfwAAAYcQAAAAAAAAAAAAAAAAAAAAATAKBggqhkjOPQQDAgNIADBFAiEA
mF45Db12Z3a/WPKvPxhvq2940qF05dx9HE0rEz+Ke6oCIG9w4oxnDhnDGVkyPeYB
Cp3+LxK5wI6qSR5pi6WSCWjB
-----END CERTIFICATE-----
""";

  static final String PRIVATE_KEY_PEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgF7Vs1jMf506HCLFD
g14NIcCCI2qqPtZ4y7NePMY04Q6hRANCAASGaNVkaiZsAJcVlG8shNpYVEtGCWnY
FPnx1rtirJskXGhhdAX3gmXQNuperItou/LxPE6NeQIZbXQCXU3wv8i9
-----END PRIVATE KEY-----
""";

  private BundledCertificate() {
  }
}
