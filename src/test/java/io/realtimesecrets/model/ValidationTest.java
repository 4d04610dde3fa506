package io.realtimesecrets.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

  private static String ga(String sessionFields) {
    return "{\"session\":{\"type\":\"realtime\"" + (sessionFields.isEmpty() ? "" : "," + sessionFields) + "}}";
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', value = {
      // GA client_secrets
      "CLIENT_SECRETS|{'expires_after':{'seconds':5}}|expires_after.seconds|must be between 10 and 7200",
      "CLIENT_SECRETS|{'expires_after':{'seconds':7201}}|expires_after.seconds|must be between 10 and 7200",
      "CLIENT_SECRETS|{'expires_after':{'anchor':'now','seconds':60}}|expires_after.anchor|must be one of created_at",
      "CLIENT_SECRETS|{'session':{'model':'gpt-realtime'}}|session.type|is required",
      "CLIENT_SECRETS|{'session':{'type':'video'}}|session.type|must be one of realtime, transcription",
      "CLIENT_SECRETS|{'session':null}|session|must be an object",
      "CLIENT_SECRETS|{'session':{'type':'realtime','model':'  '}}|session.model|must not be empty or blank",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'output':{'speed':1.6}}}}|session.audio.output.speed|must be between 0.25 and 1.5",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'output':{'speed':0.2}}}}|session.audio.output.speed|must be between 0.25 and 1.5",
      "CLIENT_SECRETS|{'session':{'type':'realtime','max_output_tokens':0}}|session.max_output_tokens|must be between 1 and 4096",
      "CLIENT_SECRETS|{'session':{'type':'realtime','max_output_tokens':4097}}|session.max_output_tokens|must be between 1 and 4096",
      "CLIENT_SECRETS|{'session':{'type':'realtime','temperature':0.8}}|session.temperature|beta",
      "CLIENT_SECRETS|{'session':{'type':'realtime','output_modalities':['audio','text']}}|session.output_modalities|not both",
      "CLIENT_SECRETS|{'session':{'type':'realtime','output_modalities':['video']}}|session.output_modalities[0]|must be one of text, audio",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'type':'function','description':'x'}]}}|session.tools[0].name|is required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'type':'function','name':''}]}}|session.tools[0].name|must not be empty",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'type':'web_search'}]}}|session.tools[0].type|must be one of function, mcp",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'type':'mcp','server_label':'s'}]}}|session.tools[0]|needs one of server_url",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'type':'mcp','server_url':'https://x'}]}}|session.tools[0].server_label|is required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'type':'mcp','server_label':'s','tunnel_id':'tunnel_X'}]}}|session.tools[0].tunnel_id|must match",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tool_choice':'sometimes'}}|session.tool_choice|must be one of none, auto, required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tool_choice':{'type':'function'}}}|session.tool_choice.name|is required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tools':[{'name':'a'}],'tool_choice':{'type':'function','name':'b'}}}|session.tool_choice.name|must name one of the function tools",
      "CLIENT_SECRETS|{'session':{'type':'realtime','tracing':'manual'}}|session.tracing|must be one of auto",
      "CLIENT_SECRETS|{'session':{'type':'realtime','truncation':'sometimes'}}|session.truncation|must be one of auto, disabled",
      "CLIENT_SECRETS|{'session':{'type':'realtime','truncation':{'type':'retention_ratio','retention_ratio':1.5}}}|session.truncation.retention_ratio|must be between 0 and 1",
      "CLIENT_SECRETS|{'session':{'type':'realtime','truncation':{'type':'retention_ratio'}}}|session.truncation.retention_ratio|is required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','truncation':{'type':'retention_ratio','retention_ratio':0.5,'token_limits':{'post_instructions':-1}}}}|session.truncation.token_limits.post_instructions|must be at least 0",
      "CLIENT_SECRETS|{'session':{'type':'realtime','prompt':{'version':'1'}}}|session.prompt.id|is required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','reasoning':{'effort':'max'}}}|session.reasoning.effort|must be one of minimal",
      "CLIENT_SECRETS|{'session':{'type':'realtime','include':['everything']}}|session.include[0]|must be one of item.input_audio_transcription.logprobs",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'format':{'type':'audio/pcm','rate':16000}}}}}|session.audio.input.format.rate|must be 24000",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'format':{'type':'audio/mp3'}}}}}|session.audio.input.format.type|must be one of audio/pcm",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'noise_reduction':{'type':'mid_field'}}}}}|session.audio.input.noise_reduction.type|must be one of near_field, far_field",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'noise_reduction':{}}}}}|session.audio.input.noise_reduction.type|is required",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'turn_detection':{'type':'server_vad','threshold':1.1}}}}}|session.audio.input.turn_detection.threshold|must be between 0 and 1",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'turn_detection':{'type':'server_vad','idle_timeout_ms':1000}}}}}|session.audio.input.turn_detection.idle_timeout_ms|must be between 5000 and 30000",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'turn_detection':{'type':'server_vad','eagerness':'low'}}}}}|session.audio.input.turn_detection.eagerness|only allowed when type is semantic_vad",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'turn_detection':{'type':'semantic_vad','eagerness':'very'}}}}}|session.audio.input.turn_detection.eagerness|must be one of low, medium, high, auto",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'turn_detection':{'type':'semantic_vad','threshold':0.5}}}}}|session.audio.input.turn_detection.threshold|only allowed when type is server_vad",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'turn_detection':{'type':'push_to_talk'}}}}}|session.audio.input.turn_detection.type|must be one of server_vad, semantic_vad",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'transcription':{'languages':[]}}}}}|session.audio.input.transcription.languages|must have at least one item",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'input':{'transcription':{'model':'gpt-4o-transcribe','delay':'low'}}}}}|session.audio.input.transcription.delay|only supported with model gpt-realtime-whisper",
      "CLIENT_SECRETS|{'session':{'type':'realtime','audio':{'output':{'voice':{'id':' '}}}}}|session.audio.output.voice.id|must not be empty",
      "CLIENT_SECRETS|{'session':{'type':'transcription','audio':{'input':{'transcription':{'model':'gpt-realtime-whisper'},'turn_detection':{'type':'server_vad'}}}}}|session.audio.input.turn_detection|must be null with transcription model gpt-realtime-whisper",
      "CLIENT_SECRETS|{'session':{'type':'transcription','audio':{'output':{'speed':1.0}}}}|session.audio.output|not supported for transcription sessions",
      "CLIENT_SECRETS|{'session':{'type':'transcription','model':'gpt-realtime'}}|session.model|not supported for transcription sessions",
      // translations
      "TRANSLATIONS|{'expires_after':{'seconds':600}}|session|is required",
      "TRANSLATIONS|{'session':{}}|session.model|is required",
      "TRANSLATIONS|{'session':{'model':''}}|session.model|must not be empty",
      "TRANSLATIONS|{'session':{'model':'m','audio':{'input':{'transcription':{}}}}}|session.audio.input.transcription.model|is required",
      "TRANSLATIONS|{'session':{'model':'m','audio':{'input':{'turn_detection':{'type':'server_vad'}}}}}|session.audio.input.turn_detection|not supported for translation sessions",
      "TRANSLATIONS|{'session':{'model':'m'},'expires_after':{'seconds':9}}|expires_after.seconds|must be between 10 and 7200",
      // beta sessions
      "SESSIONS|{'temperature':0.5}|temperature|must be between 0.6 and 1.2",
      "SESSIONS|{'temperature':1.3}|temperature|must be between 0.6 and 1.2",
      "SESSIONS|{'speed':2.0}|speed|must be between 0.25 and 1.5",
      "SESSIONS|{'max_response_output_tokens':5000}|max_response_output_tokens|must be between 1 and 4096 or \"inf\"",
      "SESSIONS|{'model':''}|model|must not be empty or blank",
      "SESSIONS|{'input_audio_format':'mp3'}|input_audio_format|must be one of pcm16, g711_ulaw, g711_alaw",
      "SESSIONS|{'output_audio_format':'opus'}|output_audio_format|must be one of pcm16, g711_ulaw, g711_alaw",
      "SESSIONS|{'voice':{'id':'voice_1'}}|voice|custom voices",
      "SESSIONS|{'tools':[{'type':'mcp','server_label':'s','server_url':'https://x'}]}|tools[0].type|must be function on the beta endpoint",
      "SESSIONS|{'tool_choice':{'type':'function','name':'f'}}|tool_choice|must be a string on the beta endpoint",
      "SESSIONS|{'turn_detection':{'type':'server_vad','threshold':-0.1}}|turn_detection.threshold|must be between 0 and 1",
      "SESSIONS|{'modalities':[]}|modalities|must have at least one item",
      "SESSIONS|{'input_audio_noise_reduction':{'type':'loud'}}|input_audio_noise_reduction.type|must be one of near_field, far_field",
      // beta transcription sessions
      "TRANSCRIPTION_SESSIONS|{'turn_detection':{'type':'semantic_vad'}}|turn_detection.type|must be server_vad",
      "TRANSCRIPTION_SESSIONS|{'turn_detection':{'type':'server_vad','idle_timeout_ms':6000}}|turn_detection.idle_timeout_ms|GA field",
      "TRANSCRIPTION_SESSIONS|{'input_audio_format':'mp3'}|input_audio_format|must be one of pcm16",
      "TRANSCRIPTION_SESSIONS|{'include':['x']}|include[0]|must be one of",
      "TRANSCRIPTION_SESSIONS|{'input_audio_transcription':{'model':''}}|input_audio_transcription.model|must not be empty"})
  void ruleViolationNamesTheFieldAndTheRule(Endpoint endpoint, String json, String field, String rule) {
    SecretRequest<?> request = SecretRequests.fromJson(endpoint, json.replace('\'', '"'));
    RequestValidationException e = assertThrows(RequestValidationException.class, request::validate);
    assertEquals(field, e.field(), e::getMessage);
    assertTrue(e.rule().contains(rule), () -> "rule was: " + e.rule());
    assertTrue(e.getMessage().startsWith(field + ": "), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "'audio':{'output':{'speed':0.25}}", "'audio':{'output':{'speed':1.5}}", "'max_output_tokens':1",
      "'max_output_tokens':4096", "'max_output_tokens':'inf'",
      "'audio':{'input':{'turn_detection':{'type':'server_vad','threshold':0,'idle_timeout_ms':5000}}}",
      "'audio':{'input':{'turn_detection':{'type':'server_vad','threshold':1,'idle_timeout_ms':30000}}}",
      "'audio':{'input':{'turn_detection':null,'noise_reduction':null,'transcription':null}}",
      "'tracing':null", "'tracing':'auto'", "'prompt':null", "'output_modalities':['text']",
      "'truncation':{'type':'retention_ratio','retention_ratio':0}"})
  void boundaryAndNullValuesAreAccepted(String sessionFields) {
    ClientSecretRequest.fromJson(ga(sessionFields).replace('\'', '"')).validate();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0.6", "1.2"})
  void betaTemperatureBoundsAreInclusive(double temperature) {
    RealtimeSessionRequest.builder().temperature(temperature).build().validate();
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 7200})
  void expiryBoundsAreInclusive(long seconds) {
    ClientSecretRequest.builder().expiresAfter(ExpiresAfter.ofSeconds(seconds)).build().validate();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "CLIENT_SECRETS|{\"session\": {\"type\": \"realtime\"|$",
      "SESSIONS|not json at all ek_0123456789abcdef|$",
      "TRANSLATIONS|[1,2]|$",
      "TRANSCRIPTION_SESSIONS|null|$",
      "CLIENT_SECRETS|{\"session\":{\"type\":\"realtime\",\"max_output_tokens\":\"ek_lots_0123456789\"}}|session.max_output_tokens",
      "CLIENT_SECRETS|{\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":{\"speed\":\"ek_fast_0123456789\"}}}}|session.audio.output.speed",
      "CLIENT_SECRETS|{\"session\":{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\",\"name\":{\"ek_x\":1}}]}}|session.tools[0].name",
      "SESSIONS|{\"temperature\":\"ek_hot_0123456789\"}|temperature",
      "SESSIONS|{\"voice\":42}|voice",
      "TRANSLATIONS|{\"session\":{\"model\":42}}|session.model",
      "CLIENT_SECRETS|{\"session\":\"ek_0123456789abcdef\"}|session"})
  void malformedOrMistypedJsonGivesACleanErrorWithoutTheInput(Endpoint endpoint, String json, String field) {
    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> SecretRequests.fromJson(endpoint, json));
    assertEquals(field, e.field(), e::getMessage);
    assertFalse(e.getMessage().contains("ek_"), e::getMessage);
    assertFalse(e.getMessage().contains("not json"), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyBodyIsAClearError(String body) {
    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> ClientSecretRequest.fromJson(body));
    assertEquals("$", e.field());
  }
}
