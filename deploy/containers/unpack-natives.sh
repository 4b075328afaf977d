#!/bin/sh
# Unpacks the PyTorch natives from the library jar into $DJL_CACHE_DIR and runs one tensor
# operation on them (vaecourse.PrepareNatives, as ./course setup does). Image build time only;
# grading then finds them there.
set -eu
java -Dai.djl.offline=true -cp "$LIB_JAR" vaecourse.PrepareNatives
