using System.CommandLine;
using System.Net;
using System.Text.Json;

namespace Berth.Client;

/// <summary>
/// Shared by all client commands: the global <c>--url</c>/<c>--token</c> options, the environment,
/// and the one place API and connection failures become an <c>error:</c> line and exit code 1.
/// </summary>
internal sealed class ClientContext(ClientEnvironment environment)
{
    /// <summary>The exit code of a command that failed; a usage error exits with <see cref="ClientCommands.UsageError"/>.</summary>
    public const int Failure = 1;

    /// <summary>The exit code when the user interrupted the command, as shells report a SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>The environment commands read settings from.</summary>
    public ClientEnvironment Environment { get; } = environment;

    /// <summary><c>--url</c>, valid on every command.</summary>
    public Option<string> UrlOption { get; } = new("--url")
    {
        HelpName = "URL",
        Description = $"Berth's API URL [env: BERTH_URL; default: the saved login, else {ClientSettings.DefaultUrl}]",
        Recursive = true,
    };

    /// <summary><c>--token</c>, valid on every command.</summary>
    public Option<string> TokenOption { get; } = new("--token")
    {
        HelpName = "TOKEN",
        Description = "Bearer token [env: BERTH_TOKEN; default: the saved login, else $BERTH_DATA/admin.token when BERTH_DATA is set]",
        Recursive = true,
    };

    /// <summary><c>--token-stdin</c>: the token from standard input, kept out of shell history and process lists.</summary>
    public Option<bool> TokenStdinOption { get; } = new("--token-stdin")
    {
        Description = "Read the token from standard input (e.g. from a password manager), so it stays out of shell history and ps",
    };

    /// <summary><c>-q</c>, valid on every command: tables print only their ids.</summary>
    public Option<bool> QuietOption { get; } = new("--quiet", "-q")
    {
        Description = "Print only the ids (the first column) of a listing, one per line",
        Recursive = true,
    };

    /// <summary>Makes <paramref name="action"/> the command's action, run with resolved settings and error handling.</summary>
    public void SetAction(Command command, Func<ClientInvocation, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, action, cancellationToken));

    /// <summary>
    /// Makes the command call the API with <paramref name="send"/> and print its answer: with <c>--json</c> (added here, so
    /// no such command lacks it) the JSON as the API gave it, else what <paramref name="write"/> makes of it for a person.
    /// </summary>
    public void SetAnswerAction<T>(Command command, Func<ClientInvocation, Task<ApiResponse<T>>> send, Action<ClientInvocation, T> write)
    {
        Option<bool> json = CommonOptions.Json();
        command.Options.Add(json);
        SetAction(command, async call =>
        {
            ApiResponse<T> answer = await send(call);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(answer.Json);
            }
            else
            {
                write(call, answer.Value);
            }

            return 0;
        });
    }

    private async Task<int> RunAsync(ParseResult parseResult, Func<ClientInvocation, Task<int>> action, CancellationToken cancellationToken)
    {
        TextWriter output = parseResult.GetValue(QuietOption)
            ? new IdsOnlyWriter(parseResult.InvocationConfiguration.Output)
            : parseResult.InvocationConfiguration.Output;
        TextWriter error = parseResult.InvocationConfiguration.Error;
        string url = parseResult.GetValue(UrlOption) ?? ClientSettings.DefaultUrl;
        try
        {
            string? token = parseResult.GetResult(TokenStdinOption) is not null && parseResult.GetValue(TokenStdinOption)
                ? await ReadTokenAsync(cancellationToken)
                : parseResult.GetValue(TokenOption);
            ClientSettings settings = ClientSettings.Resolve(parseResult.GetValue(UrlOption), token, Environment);
            url = settings.Url.OriginalString;
            using var api = new BerthApiClient(settings);
            return await action(new ClientInvocation(parseResult, settings, api, output, error, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ClientCommands.UsageError;
        }
        catch (Exception e)
        {
            // The command line's boundary: every failure becomes one line for a person, never a stack trace.
            await error.WriteLineAsync($"error: {Describe(e, url)}");
            return Failure;
        }
    }

    /// <summary>The first line of standard input, trimmed; an empty one is an error rather than no token.</summary>
    private async Task<string> ReadTokenAsync(CancellationToken cancellationToken)
    {
        string? line = await Environment.Input.ReadLineAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(line)
            ? throw new ClientConfigException("--token-stdin: standard input held no token")
            : line.Trim();
    }

    private static string Describe(Exception exception, string url) => exception switch
    {
        BerthApiException { StatusCode: HttpStatusCode.Unauthorized } => "not authorized — run 'berth login --token …'",
        BerthApiException api => api.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } =>
            $"cannot reach Berth at {url} (is it running? start it with ./run.sh)",
        HttpRequestException http => $"request to Berth at {url} failed: {http.Message}",
        TaskCanceledException => $"Berth at {url} did not answer in time",
        JsonException => $"unexpected answer from Berth at {url}: {exception.Message}",
        _ => exception.Message,
    };
}
