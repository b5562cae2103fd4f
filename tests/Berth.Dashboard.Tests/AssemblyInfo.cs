using System.Runtime.Versioning;

// Berth runs Linux containers on Linux hosts; these tests drive the real engine and Debian's chromium.
[assembly: SupportedOSPlatform("linux")]
