namespace Berth.Core.Runtime;

/// <summary>How a command run in a container ended: its exit code and the last of what it wrote to standard error.</summary>
public sealed record ExecResult(long ExitCode, string Error)
{
    public bool Succeeded => ExitCode == 0;
}
