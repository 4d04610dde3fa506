package io.realtimesecrets.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in identity provider for tests: signing keys, their JWKS, and tokens signed with the JDK's own
 * crypto (not the library under test), so a token that verifies proves interoperability.
 */
public final class TestIdp {

  public static final String ISSUER = "https://idp.test/";
  public static final String AUDIENCE = "realtime-gateway";

  private TestIdp() {
  }

  /** One signing key with its key id and JOSE algorithm. */
  public static final class Key {
    public final String kid;
    public final String alg;
    final KeyPair pair;

    Key(String kid, String alg, KeyPair pair) {
      this.kid = kid;
      this.alg = alg;
      this.pair = pair;
    }

    /**
     * The public JWK, as an IdP publishes it.
     *
     * @param withAlg whether to include {@code alg} (many IdPs leave it out)
     * @return the JWK
     */
    public JsonObject publicJwk(boolean withAlg) {
      JsonObject jwk = new JsonObject().put("kid", kid).put("use", "sig");
      if (pair.getPublic() instanceof RSAPublicKey) {
        RSAPublicKey k = (RSAPublicKey) pair.getPublic();
        jwk.put("kty", "RSA").put("n", b64(unsigned(k.getModulus()))).put("e", b64(unsigned(k.getPublicExponent())));
      } else if (pair.getPublic() instanceof ECPublicKey) {
        ECPublicKey k = (ECPublicKey) pair.getPublic();
        int size = alg.equals("ES256") ? 32 : 48;
        jwk.put("kty", "EC").put("crv", size == 32 ? "P-256" : "P-384")
            .put("x", b64(pad(unsigned(k.getW().getAffineX()), size)))
            .put("y", b64(pad(unsigned(k.getW().getAffineY()), size)));
      } else {
        byte[] spki = pair.getPublic().getEncoded();
        jwk.put("kty", "OKP").put("crv", "Ed25519").put("x", b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
      }
      if (withAlg) {
        jwk.put("alg", alg);
      }
      return jwk;
    }

    /** The DER of the public key (for the HMAC key-confusion attack). */
    public byte[] publicKeyBytes() {
      return pair.getPublic().getEncoded();
    }
  }

  public static Key rsa(String kid, String alg) {
    return new Key(kid, alg, generate("RSA", null));
  }

  public static Key ec(String kid, String alg) {
    return new Key(kid, alg, generate("EC", new ECGenParameterSpec(alg.equals("ES256") ? "secp256r1" : "secp384r1")));
  }

  public static Key ed25519(String kid) {
    return new Key(kid, "EdDSA", generate("Ed25519", null));
  }

  /** The JWKS document of the keys, with {@code alg} on each. */
  public static String jwks(Key... keys) {
    JsonArray array = new JsonArray();
    for (Key k : keys) {
      array.add(k.publicJwk(true));
    }
    return new JsonObject().put("keys", array).encode();
  }

  /** Claims valid at {@code nowSeconds} for ten minutes, from {@link #ISSUER} to {@link #AUDIENCE}. */
  public static JsonObject claims(String sub, long nowSeconds) {
    return new JsonObject().put("iss", ISSUER).put("aud", AUDIENCE).put("sub", sub)
        .put("iat", nowSeconds).put("nbf", nowSeconds).put("exp", nowSeconds + 600);
  }

  /** A compact JWS of the claims, signed with the key, its kid in the header. */
  public static String sign(Key key, JsonObject claims) {
    return sign(key, new JsonObject().put("alg", key.alg).put("typ", "JWT").put("kid", key.kid), claims);
  }

  /** A compact JWS with the given header, signed with the key per the header's alg. */
  public static String sign(Key key, JsonObject header, JsonObject claims) {
    String input = b64(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      byte[] sig;
      String alg = header.getString("alg");
      if (alg.startsWith("PS")) {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        s.initSign(key.pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        sig = s.sign();
      } else if (alg.startsWith("RS")) {
        Signature s = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
        s.initSign(key.pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        sig = s.sign();
      } else if (alg.startsWith("ES")) {
        Signature s = Signature.getInstance("SHA" + alg.substring(2) + "withECDSA");
        s.initSign(key.pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        sig = derToJose(s.sign(), alg.equals("ES256") ? 32 : 48);
      } else {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        sig = s.sign();
      }
      return input + "." + b64(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A compact JWS signed with HMAC-SHA256 under the given secret bytes. */
  public static String signHs256(byte[] secret, JsonObject header, JsonObject claims) {
    String input = b64(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token ({@code alg: none}) with an empty signature segment. */
  public static String unsigned(JsonObject claims) {
    return b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8))
        + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static KeyPair generate(String type, ECGenParameterSpec spec) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(type);
      if (spec != null) {
        g.initialize(spec);
      } else if (type.equals("RSA")) {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] pad(byte[] b, int size) {
    if (b.length == size) {
      return b;
    }
    byte[] out = new byte[size];
    System.arraycopy(b, 0, out, size - b.length, b.length);
    return out;
  }

  /** ECDSA DER (SEQUENCE of two INTEGERs) to JOSE's fixed-size R||S. */
  private static byte[] derToJose(byte[] der, int size) {
    int offset = der[1] == (byte) 0x81 ? 3 : 2;
    int rLen = der[offset + 1];
    byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLen);
    int sOffset = offset + 2 + rLen;
    int sLen = der[sOffset + 1];
    byte[] s = Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + sLen);
    byte[] out = new byte[2 * size];
    byte[] rr = pad(unsigned(new BigInteger(1, r)), size);
    byte[] ss = pad(unsigned(new BigInteger(1, s)), size);
    System.arraycopy(rr, 0, out, 0, size);
    System.arraycopy(ss, 0, out, size, size);
    return out;
  }
}
