using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Berth.Contracts;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Provisioning;

/// <summary>
/// Runs the operator's provisioner. The contract: <c>create</c> reads a JSON request on stdin and prints one JSON host,
/// as <c>POST /v1/hosts</c> takes it, on stdout; <c>destroy NAME</c> reads <c>{"name"}</c> on stdin. A non-zero exit is a
/// failure, explained by what the provisioner wrote on stderr.
/// </summary>
public sealed class ProvisionerCommand(IOptions<BerthOptions> options)
{
    private const int ReasonLength = 600;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Asks for a new host; <paramref name="request"/> tells the provisioner what it is for.</summary>
    /// <exception cref="ProvisionerException">The provisioner failed or printed no host.</exception>
    public async Task<CreateHostRequest> CreateAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var output = await RunAsync(["create"], JsonSerializer.Serialize(request, Json), cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<CreateHostRequest>(output, Json)
                ?? throw new ProvisionerException("the provisioner printed null instead of a host");
        }
        catch (JsonException e)
        {
            throw new ProvisionerException($"the provisioner printed no host as JSON ({e.Message}): {Shorten(output)}");
        }
    }

    /// <summary>Removes the host <paramref name="name"/>.</summary>
    /// <exception cref="ProvisionerException">The provisioner failed.</exception>
    public Task DestroyAsync(string name, CancellationToken cancellationToken) =>
        RunAsync(["destroy", name], JsonSerializer.Serialize(new { name }, Json), cancellationToken);

    private async Task<string> RunAsync(string[] arguments, string input, CancellationToken cancellationToken)
    {
        var settings = options.Value.Provisioning;
        var executable = settings.Executable ?? throw new ProvisionerException("no provisioner is configured (Berth:Provisioning:Executable)");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ProvisionerException($"the provisioner {executable} could not be started: {e.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ProvisionerException($"the provisioner's {arguments[0]} did not finish within {settings.CommandTimeout.TotalSeconds:0} s");
        }
        catch (IOException)
        {
            // It exited without reading its input: what it wrote says why.
            await process.WaitForExitAsync(timeout.Token);
        }

        if (process.ExitCode != 0)
        {
            var why = Shorten(await stderr);
            throw new ProvisionerException($"the provisioner's {arguments[0]} failed (exit {process.ExitCode}){(why.Length > 0 ? ": " + why : "")}");
        }

        return await stdout;
    }

    /// <summary>The end of what a provisioner wrote, on one line: the last lines say why.</summary>
    private static string Shorten(string text)
    {
        var line = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= ReasonLength ? line : "…" + line[^ReasonLength..];
    }
}
