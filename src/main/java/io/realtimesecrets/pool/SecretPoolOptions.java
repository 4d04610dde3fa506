package io.realtimesecrets.pool;

/** CONTRACT DRAFT: the pool work owns this file. */
public class SecretPoolOptions {
}
