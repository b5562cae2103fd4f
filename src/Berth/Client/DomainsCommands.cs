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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("add", "Claim a domain for the app; it routes there once verified (a domain belongs to one app)") { app, domain, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<DomainView> response = await call.Api.AddDomainAsync(
                call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(domain), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            DomainView added = response.Value;
            if (added.Verification is not { } proof)
            {
                await call.Out.WriteLineAsync($"{added.Domain} routes to {added.AppId}; point it at {added.Target} with a CNAME record.");
                return 0;
            }

            await call.Out.WriteLineAsync($"{added.Domain} is pending: prove you hold it, then it routes to {added.AppId}.");
            await call.Out.WriteLineAsync($"  1. Add a DNS record: {proof.Name} {proof.Type} \"{proof.Value}\"");
            await call.Out.WriteLineAsync($"  2. Point {added.Domain} at {added.Target} with a CNAME record.");
            await call.Out.WriteLineAsync($"  3. Run: berth domains verify {added.AppId} {added.Domain}");
            return 0;
        });
        return command;
    }

    private static Command Verify(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> domain = Domain();
        var command = new Command("verify", "Check the domain's TXT record and, when it holds the token, route the domain to the app") { app, domain };
        context.SetAction(command, async call =>
        {
            DomainView verified = (await call.Api.VerifyDomainAsync(
                call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(domain), call.CancellationToken)).Value;
            await call.Out.WriteLineAsync($"{verified.Domain} is verified and routes to {verified.AppId}.");
            return 0;
        });
        return command;
    }

    private static Command List(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("list", "List the app's custom domains") { app, json };
        command.Aliases.Add("ls");
        context.SetAction(command, async call =>
        {
            ApiResponse<IReadOnlyList<DomainView>> response = await call.Api.ListDomainsAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(call.Out, ["DOMAIN", "STATUS", "CNAME TARGET", "TXT RECORD", "CERTIFICATE", "ADDED"],
                response.Value.Select(d => (IReadOnlyList<string>)
                    [d.Domain, d.Status, d.Target, d.Verification is { } proof ? $"{proof.Name}={proof.Value}" : "-", CertificateState(d.Certificate), Display.Time(d.CreatedAt)]));
            return 0;
        });
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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("certificate", "Show the certificate a verified domain is served with over HTTPS, or upload your own (--chain and --key)")
        {
            app, domain, chain, key, json,
        };
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app), name = call.ParseResult.GetRequiredValue(domain);
            FileInfo? chainFile = call.ParseResult.GetValue(chain), keyFile = call.ParseResult.GetValue(key);
            if ((chainFile is null) != (keyFile is null))
            {
                throw new ClientConfigException("give both --chain and --key to upload a certificate, or neither to show it");
            }

            ApiResponse<CertificateView> response = chainFile is null
                ? await call.Api.GetCertificateAsync(appId, name, call.CancellationToken)
                : await call.Api.UploadCertificateAsync(appId, name, await ReadAsync(chainFile), await ReadAsync(keyFile!), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            CertificateView view = response.Value;
            await call.Out.WriteLineAsync($"{view.Domain}: {view.Source} certificate from {view.Issuer}");
            await call.Out.WriteLineAsync($"  names:   {string.Join(", ", view.Names)}");
            await call.Out.WriteLineAsync($"  valid:   {Display.Time(view.NotBefore)} to {Display.Time(view.NotAfter)}");
            if (view.RenewAt is { } renewAt)
            {
                await call.Out.WriteLineAsync($"  renewal: {Display.Time(renewAt)}");
            }

            return 0;
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
        context.SetAction(command, async call =>
        {
            string name = call.ParseResult.GetRequiredValue(domain);
            await call.Api.RemoveDomainAsync(call.ParseResult.GetRequiredValue(app), name, call.CancellationToken);
            await call.Out.WriteLineAsync($"{name} no longer routes to {call.ParseResult.GetRequiredValue(app)}.");
            return 0;
        });
        return command;
    }
}
