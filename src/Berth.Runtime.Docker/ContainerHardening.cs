namespace Berth.Runtime.Docker;

/// <summary>
/// What every container gets, whatever its app asks for: no privilege escalation, a short list of
/// capabilities, a bound on processes and on its log files, no host mounts, never privileged.
/// </summary>
internal static class ContainerHardening
{
    public const string NoNewPrivileges = "no-new-privileges:true";

    /// <summary>
    /// What a typical server needs to start as root and drop to a user: own and chown its files, switch user and
    /// group, bind ports below 1024, signal its children. Everything else (raw sockets, mknod, chroot, …) is dropped.
    /// </summary>
    public static readonly string[] Capabilities = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"];

    /// <summary>Enough for any sane server; a fork bomb stops here instead of starving the host.</summary>
    public const long PidsLimit = 512;

    public const string LogDriver = "json-file";
    public const string LogMaxSize = "10m";
    public const string LogMaxFiles = "3";

    /// <summary>The writable scratch space a read-only container gets.</summary>
    public const string TmpPath = "/tmp";
    public const string TmpOptions = "rw,nosuid,nodev,size=64m";
}
