using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary>
/// <c>berth domains add|verify|list|remove|certificate</c>: custom domains routed to an app once their owner proves them,
/// and the certificates they are served with over HTTPS.
/// </summary>
internal static class DomainsCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var domains = new Command("domains", "Custom domains: point one at {app}.{base domain} by CNAME and the gateway routes it to the app");
        domains.Subcommands.Add(Add(context));
        domains.Subcommands.Add(Verify(context));
        domains.Subcommands.Add(List(context));
        domains.Subcommands.Add(Remove(context));
        domains.Subcommands.Add(Certificate(context));
        return [domains];
    }

    private static Argument<string> Domain() => new("DOMAIN") { Description = "A domain name such as www.example.com" };

    private static Command Add(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> domain = Domain();
        var command = new Command("add", "Claim a domain for the app; it routes there once verified (a domain belongs to one app)") { app, domain };
        context.SetAnswerAction(
            command,
            call => call.Api.AddDomainAsync(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(domain), call.CancellationToken),
            (call, added) =>
            {
                if (added.Verification is not { } proof)
                {
                    call.Out.WriteLine($"{added.Domain} routes to {added.AppId}; point it at {added.Target} with a CNAME record.");
                    return;
                }

                call.Out.WriteLine($"{added.Domain} is pending: prove you hold it, then it routes to {added.AppId}.");
                call.Out.WriteLine($"  1. Add a DNS record: {proof.Name} {proof.Type} \"{proof.Value}\"");
                call.Out.WriteLine($"  2. Point {added.Domain} at {added.Target} with a CNAME record.");
                call.Out.WriteLine($"  3. Run: berth domains verify {added.AppId} {added.Domain}");
            });
        return command;
    }

    private static Command Verify(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> domain = Domain();
        var command = new Command("verify", "Check the domain's TXT record and, when it holds the token, route the domain to the app") { app, domain };
        context.SetAnswerAction(
            command,
            call => call.Api.VerifyDomainAsync(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(domain), call.CancellationToken),
            (call, verified) => call.Out.WriteLine($"{verified.Domain} is verified and routes to {verified.AppId}."));
        return command;
    }

    private static Command List(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("list", "List the app's custom domains") { app };
        command.Aliases.Add("ls");
        context.SetAnswerAction(command, call => call.Api.ListDomainsAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, listed) =>
            TablePrinter.Write(call.Out, ["DOMAIN", "STATUS", "CNAME TARGET", "TXT RECORD", "CERTIFICATE", "ADDED"],
                listed.Select(d => (IReadOnlyList<string>)
                    [d.Domain, d.Status, d.Target, d.Verification is { } proof ? $"{proof.Name}={proof.Value}" : "-", CertificateState(d.Certificate), Display.Time(d.CreatedAt)])));
        return command;
    }

    /// <summary>Where the domain's certificate comes from and until when, e.g. <c>acme until 2026-12-13 10:00:00</c>.</summary>
    private static string CertificateState(CertificateView? certificate) =>
        certificate is null ? "-" : $"{certificate.Source} until {Display.Time(certificate.NotAfter)}";

    private static Command Certificate(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> domain = Domain();
        Option<FileInfo?> chain = new("--chain") { Description = "upload this PEM file: the domain's certificate first, then its intermediates" };
        Option<FileInfo?> key = new("--key") { Description = "the certificate's PEM private key (with --chain)" };
        var command = new Command("certificate", "Show the certificate a verified domain is served with over HTTPS, or upload your own (--chain and --key)")
        {
            app, domain, chain, key,
        };
        context.SetAnswerAction(
            command,
            async call =>
            {
                string appId = call.ParseResult.GetRequiredValue(app), name = call.ParseResult.GetRequiredValue(domain);
                FileInfo? chainFile = call.ParseResult.GetValue(chain), keyFile = call.ParseResult.GetValue(key);
                if ((chainFile is null) != (keyFile is null))
                {
                    throw new ClientConfigException("give both --chain and --key to upload a certificate, or neither to show it");
                }

                return chainFile is null
                    ? await call.Api.GetCertificateAsync(appId, name, call.CancellationToken)
                    : await call.Api.UploadCertificateAsync(appId, name, await ReadAsync(chainFile), await ReadAsync(keyFile!), call.CancellationToken);
            },
            (call, view) =>
            {
                call.Out.WriteLine($"{view.Domain}: {view.Source} certificate from {view.Issuer}");
                call.Out.WriteLine($"  names:   {string.Join(", ", view.Names)}");
                call.Out.WriteLine($"  valid:   {Display.Time(view.NotBefore)} to {Display.Time(view.NotAfter)}");
                if (view.RenewAt is { } renewAt)
                {
                    call.Out.WriteLine($"  renewal: {Display.Time(renewAt)}");
                }
            });
        return command;
    }

    private static async Task<string> ReadAsync(FileInfo file)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClientConfigException($"cannot read {file.FullName}: {e.Message}", e);
        }
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> domain = Domain();
        var command = new Command("remove", "Stop routing a domain to the app") { app, domain };
        command.Aliases.Add("rm");
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(
                call.Api.RemoveDomainAsync(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(domain), call.CancellationToken),
                "domain", ("app", call.ParseResult.GetRequiredValue(app)), ("domain", call.ParseResult.GetRequiredValue(domain))),
            (call, _) => call.Out.WriteLine($"{call.ParseResult.GetRequiredValue(domain)} no longer routes to {call.ParseResult.GetRequiredValue(app)}."));
        return command;
    }
}
