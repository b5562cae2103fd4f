using System.Formats.Tar;
using System.Text;
using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IContainerExec
{
    /// <summary>How much of a command's standard error is kept for its reason.</summary>
    private const int ErrorTail = 4096;

    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine is unreachable or refused (the container is not running, say).</exception>
    public async Task<ExecResult> ExecAsync(
        string containerId, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> env, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var created = await _client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
            {
                Cmd = [.. command],
                Env = [.. env.Select(kv => $"{kv.Key}={kv.Value}")],
                AttachStdout = true,
                AttachStderr = true,
            }, cancellationToken);
            var error = new StringBuilder();
            using (var stream = await _client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), cancellationToken))
            {
                var buffer = new byte[81920];
                while (true)
                {
                    var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                    if (read.EOF)
                    {
                        break;
                    }

                    if (read.Target == MultiplexedStream.TargetStream.StandardError)
                    {
                        error.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                        if (error.Length > ErrorTail)
                        {
                            error.Remove(0, error.Length - ErrorTail);
                        }
                    }
                    else
                    {
                        await output.WriteAsync(buffer.AsMemory(0, read.Count), cancellationToken);
                    }
                }
            }

            var ended = await _client.Exec.InspectContainerExecAsync(created.ID, cancellationToken);
            return new ExecResult(ended.ExitCode ?? -1, error.ToString().Trim());
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            throw Wrap($"running {command[0]} in container {containerId}", e);
        }
    }

    /// <inheritdoc />
    public async Task CopyToAsync(string containerId, string directory, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        // The engine takes files as a tar archive; a temporary file keeps a large dump out of memory.
        var archive = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(archive))
            await using (var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false))
            {
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, fileName)
                {
                    DataStream = content,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                }, cancellationToken);
            }

            await using var upload = File.OpenRead(archive);
            await _client.Containers.ExtractArchiveToContainerAsync(containerId, new CopyToContainerParameters { Path = directory }, upload, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"copying {fileName} into container {containerId}", e);
        }
        finally
        {
            File.Delete(archive);
        }
    }
}
