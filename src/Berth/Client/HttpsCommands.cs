using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth https set|show|clear APP</c>: an app's redirect from HTTP to HTTPS and its HSTS.</summary>
internal static class HttpsCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var https = new Command("https", "Send an app's plain-HTTP requests to HTTPS and tell browsers to stay on it (HSTS)");
        https.Subcommands.Add(Set(context));
        https.Subcommands.Add(Show(context));
        https.Subcommands.Add(Clear(context));
        return [https];
    }

    private static Command Set(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var redirect = new Option<bool>("--redirect") { Description = "Answer plain-HTTP requests with a 308 to the same URL over HTTPS (ACME challenges excepted)" };
        var hsts = new Option<int>("--hsts") { Description = "Add Strict-Transport-Security with this max-age to answers over TLS, such as 31536000 (a year)", HelpName = "SECONDS" };
        var subdomains = new Option<bool>("--hsts-include-subdomains") { Description = "The HSTS header covers subdomains too" };
        var command = new Command("set", "Replace the app's HTTPS policy; what is not given is off") { app, redirect, hsts, subdomains };
        command.Validators.Add(result =>
        {
            if (result.GetValue(hsts) < 0)
            {
                result.AddError("--hsts is a number of seconds, 0 or more");
            }
        });
        context.SetAnswerAction(
            command,
            call => call.Api.SetHttpsAsync(
                call.ParseResult.GetRequiredValue(app),
                new HttpsRequest(call.ParseResult.GetValue(redirect), call.ParseResult.GetValue(hsts), call.ParseResult.GetValue(subdomains)),
                call.CancellationToken),
            (call, set) =>
            {
                call.Out.WriteLine($"HTTPS policy of {call.ParseResult.GetRequiredValue(app)} set; gateways apply it within a second.");
                Write(call.Out, set);
            });
        return command;
    }

    private static Command Show(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("show", "Show the app's HTTPS redirect and HSTS") { app };
        context.SetAnswerAction(command, call => call.Api.GetHttpsAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, https) => Write(call.Out, https));
        return command;
    }

    private static Command Clear(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("clear", "No redirect, no HSTS") { app };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(call.Api.ClearHttpsAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), "https policy", ("app", call.ParseResult.GetRequiredValue(app))),
            (call, _) => call.Out.WriteLine($"HTTPS policy of {call.ParseResult.GetRequiredValue(app)} cleared: plain HTTP is served as it is, no HSTS."));
        return command;
    }

    private static void Write(TextWriter writer, HttpsView https)
    {
        writer.WriteLine($"redirect: {(https.HttpsRedirect ? "on (308 to HTTPS)" : "off")}");
        writer.WriteLine(https.HstsMaxAge == 0
            ? "hsts: off"
            : $"hsts: max-age={https.HstsMaxAge}{(https.HstsIncludeSubdomains ? "; includeSubDomains" : "")}");
    }
}
