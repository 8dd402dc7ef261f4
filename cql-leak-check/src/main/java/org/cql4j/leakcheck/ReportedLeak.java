package org.cql4j.leakcheck;

/**
 * One leak a {@link RecordingLeakDetector} reported; immutable.
 *
 * @param resourceType the simple name of the leaked resource's type, such as {@code ByteBuf}
 * @param records Netty's access records, newest first, ending with where the resource was created;
 *     empty when the leak detection level did not record them
 */
record ReportedLeak(String resourceType, String records) {

  /** The leak as the failure message shows it. */
  String describe() {
    if (records.isEmpty()) {
      return resourceType
          + " (no access records: run with -Dio.netty.leakDetection.level=paranoid)";
    }
    return resourceType + records;
  }
}
