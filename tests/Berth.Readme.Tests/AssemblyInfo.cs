// The tests run bash, ./run.sh and the Docker engine: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
