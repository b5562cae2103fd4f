using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth login</c> and <c>berth logout</c>: the saved URL and token.</summary>
internal static class SessionCommands
{
    /// <summary>Creates the commands.</summary>
    public static IEnumerable<Command> Create(ClientContext context) => [CreateLogin(context), CreateLogout(context)];

    private static Command CreateLogin(ClientContext context)
    {
        var login = new Command("login", "Check a token against Berth and save it with the URL for later commands") { context.TokenStdinOption };
        login.Validators.Add(result =>
        {
            bool fromStdin = result.GetResult(context.TokenStdinOption) is not null;
            if (fromStdin && result.GetResult(context.TokenOption) is not null)
            {
                result.AddError("give --token or --token-stdin, not both");
            }
            else if (!fromStdin && result.GetResult(context.TokenOption) is null && string.IsNullOrEmpty(context.Environment.Get("BERTH_TOKEN")))
            {
                result.AddError("berth login needs --token TOKEN, --token-stdin (the token on standard input) or BERTH_TOKEN in the environment to keep it off the command line");
            }
        });
        context.SetAction(login, async call =>
        {
            // Any authenticated read proves the token; listing apps is allowed for every tenant.
            await call.Api.ListAppsAsync(call.CancellationToken);
            string path = ConfigFile.PathFor(context.Environment);
            ConfigFile.Save(path, new SavedConfig(call.Settings.Url.OriginalString, call.Settings.Token!));
            await call.Out.WriteLineAsync($"Logged in to {call.Settings.Url.OriginalString}; saved to {path}");
            return 0;
        });
        return login;
    }

    private static Command CreateLogout(ClientContext context)
    {
        var logout = new Command("logout", "Remove the saved URL and token");
        logout.SetAction(parseResult =>
        {
            string path = ConfigFile.PathFor(context.Environment);
            try
            {
                bool removed = ConfigFile.Delete(path);
                parseResult.InvocationConfiguration.Output.WriteLine(removed ? $"Logged out; removed {path}" : "Not logged in");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: cannot remove {path}: {e.Message}");
                return ClientContext.Failure;
            }
        });
        return logout;
    }
}
