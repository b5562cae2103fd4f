namespace Berth.Core.Runtime;

/// <summary>Runs commands inside a running container and puts files into it (a managed service's backups and restores).</summary>
public interface IContainerExec
{
    /// <summary>
    /// Runs <paramref name="command"/> in the container with <paramref name="env"/> added, its standard output written to
    /// <paramref name="output"/> as it comes; returns its exit code and the end of its standard error.
    /// </summary>
    Task<ExecResult> ExecAsync(
        string containerId, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> env, Stream output, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="directory"/>/<paramref name="fileName"/> in the container (mode 0644).</summary>
    Task CopyToAsync(string containerId, string directory, string fileName, Stream content, CancellationToken cancellationToken);
}
