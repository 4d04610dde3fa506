package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * A service connector of an MCP tool ({@code connector_id}).
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class McpConnector {

  /** Dropbox. */
  public static final McpConnector DROPBOX = new McpConnector("connector_dropbox");

  /** Gmail. */
  public static final McpConnector GMAIL = new McpConnector("connector_gmail");

  /** Google Calendar. */
  public static final McpConnector GOOGLE_CALENDAR = new McpConnector("connector_googlecalendar");

  /** Google Drive. */
  public static final McpConnector GOOGLE_DRIVE = new McpConnector("connector_googledrive");

  /** Microsoft Teams. */
  public static final McpConnector MICROSOFT_TEAMS = new McpConnector("connector_microsoftteams");

  /** Outlook Calendar. */
  public static final McpConnector OUTLOOK_CALENDAR = new McpConnector("connector_outlookcalendar");

  /** Outlook Email. */
  public static final McpConnector OUTLOOK_EMAIL = new McpConnector("connector_outlookemail");

  /** SharePoint. */
  public static final McpConnector SHAREPOINT = new McpConnector("connector_sharepoint");

  private static final List<McpConnector> KNOWN = List.of(DROPBOX, GMAIL, GOOGLE_CALENDAR, GOOGLE_DRIVE, MICROSOFT_TEAMS, OUTLOOK_CALENDAR, OUTLOOK_EMAIL, SHAREPOINT);

  private final String value;

  private McpConnector(String value) {
    this.value = value;
  }

  /**
   * The value for a wire string, a constant when the string is documented.
   *
   * @param value the wire string
   * @return the value
   * @throws NullPointerException when {@code value} is null
   */
  @JsonCreator
  public static McpConnector of(String value) {
    Objects.requireNonNull(value, "value");
    for (McpConnector k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new McpConnector(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<McpConnector> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(McpConnector::value).collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /**
   * The string sent on the wire.
   *
   * @return the wire value
   */
  @JsonValue
  public String value() {
    return value;
  }

  /**
   * Whether the API documents this value.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof McpConnector && ((McpConnector) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
