"""Writes the kernelspec of "Java (VAE course)" into the folder given (student image build).

The same kernel.json as ./course setup writes (scripts/kernel.sh), with the image's paths.
"""
import json
import os
import shutil
import sys
import zipfile

target = sys.argv[1]
java = shutil.which("java")
if java is None:
    sys.exit("no java on PATH: install openjdk-17-jdk-headless first")
os.makedirs(target, exist_ok=True)
# The course's one list of JVM flags, as the kernel jar carries it.
with zipfile.ZipFile(os.environ["KERNEL_JAR"]) as jar:
    text = jar.read("vaecourse/engine/course-jvm.options").decode()
opts = [w for line in text.splitlines() if not line.strip().startswith("#") for w in line.split()]
# The engine agent comes first, as course_java_opts puts it (scripts/common.sh).
opts.insert(0, "-javaagent:" + os.environ["AGENT_JAR"])
spec = {
    "argv": [java, *opts, "-cp", os.environ["KERNEL_JAR"], "vaecourse.kernel.Main", "{connection_file}"],
    "display_name": "Java (VAE course)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "IJAVA_CLASSPATH": os.environ["LIB_JAR"],
        "DJL_CACHE_DIR": os.environ["DJL_CACHE_DIR"],
        "COURSE_DATASETS": os.environ["COURSE_DATASETS"],
        "MALLOC_MMAP_THRESHOLD_": "268435456",
        "MALLOC_TRIM_THRESHOLD_": "268435456",
        "OMP_WAIT_POLICY": "PASSIVE",
        "GOMP_SPINCOUNT": "3000",
    },
    "metadata": {"debugger": False},
}
with open(os.path.join(target, "kernel.json"), "w") as f:
    f.write(json.dumps(spec, indent=2) + "\n")
print("registered Java (VAE course) in " + target)
