package vaecourse.widgets;

import com.google.gson.JsonObject;

/**
 * Where widgets talk to a front end: the Jupyter kernel's comms. A process without a front end (the
 * grader's worker, a headless run) uses {@link #NONE}, which drops the messages.
 */
public interface CommChannel {
  /** No front end: messages are dropped. */
  CommChannel NONE =
      new CommChannel() {
        @Override
        public void open(String commId, String target, JsonObject data, JsonObject metadata) {}

        @Override
        public void send(String commId, JsonObject data) {}
      };

  /** Opens a comm to the front end. */
  void open(String commId, String target, JsonObject data, JsonObject metadata);

  /** Sends a message on an open comm. */
  void send(String commId, JsonObject data);

  /**
   * The id of the message whose outputs the kernel is sending now (the running execute request or
   * comm message), or null when there is none; an output widget captures outputs by this id.
   */
  default String parentMessageId() {
    return null;
  }

  /** Clears the output that {@link #parentMessageId()} routes to, when the next output arrives. */
  default void clearOutput() {}
}
