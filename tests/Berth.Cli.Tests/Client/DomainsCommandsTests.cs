using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Berth.Cli.Tests.Client;

/// <summary>The domains commands against a real Berth that proves domains through its own DNS server.</summary>
public sealed class DomainsCommandsTests(DomainsServer real) : ServerTest<DomainsServer>(real)
{
    /// <summary>The end of validity of the certificates made here, to the second as certificates keep it.</summary>
    private static readonly DateTimeOffset NotAfter = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds());

    [Fact]
    public async Task Add_Domain_SaysHowToProveItAndWhereToPointIt()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("domains", "add", web, $"WWW.{web}.example.com");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal($"www.{web}.example.com is pending: prove you hold it, then it routes to {web}.", lines[0]);
        Assert.Matches($"^  1. Add a DNS record: _berth.www.{web}.example.com TXT \"\\S+\"$", lines[1]);
        Assert.Equal($"  2. Point www.{web}.example.com at {web}.localhost with a CNAME record.", lines[2]);
        Assert.Equal($"  3. Run: berth domains verify {web} www.{web}.example.com", lines[3]);
    }

    [Fact]
    public async Task List_VerifiedWithCertificateAndPending_TableWithStatusRecordAndCertificate()
    {
        string web = await CreateAppAsync();
        string verified = await VerifiedDomainAsync(web), pending = $"b.{web}.example.com";
        Assert.Equal(0, (await RunAsync("domains", "add", web, pending)).ExitCode);
        var (chain, key) = await CertificateFilesAsync(verified, verified);
        Assert.Equal(0, (await RunAsync("domains", "certificate", web, verified, "--chain", chain, "--key", key)).ExitCode);

        CliResult result = await RunAsync("domains", "list", web);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches(@"^DOMAIN\s+STATUS\s+CNAME TARGET\s+TXT RECORD\s+CERTIFICATE", lines[0]);
        Assert.Contains(lines, line => Regex.IsMatch(line, $@"^{Regex.Escape(verified)}\s+verified\s+{web}\.localhost\s+-\s+upload until \d{{4}}-"));
        Assert.Contains(lines, line => Regex.IsMatch(line, $@"^{Regex.Escape(pending)}\s+pending\s+{web}\.localhost\s+_berth\.{Regex.Escape(pending)}=\S+"));
    }

    [Fact]
    public async Task Certificate_ChainAndKey_UploadsTheFilesAndShowsTheResult()
    {
        string web = await CreateAppAsync();
        string domain = await VerifiedDomainAsync(web);
        var (chain, key) = await CertificateFilesAsync(domain, domain);

        CliResult result = await RunAsync("domains", "certificate", web, domain, "--chain", chain, "--key", key);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{domain}: upload certificate from CN={domain}", result.Out);
        Assert.Contains($"  names:   {domain}", result.Out);
        Assert.Contains(Berth.Client.Display.Time(NotAfter), result.Out);
    }

    [Fact]
    public async Task Certificate_ForAnotherName_PrintsTheReasonAndFails()
    {
        string web = await CreateAppAsync();
        string domain = await VerifiedDomainAsync(web);
        var (chain, key) = await CertificateFilesAsync("shop.test", domain);

        CliResult result = await RunAsync("domains", "certificate", web, domain, "--chain", chain, "--key", key);

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains($"is for shop.test, not {domain}", result.Error);
    }

    [Fact]
    public async Task Certificate_ChainWithoutKey_SaysBothAreNeeded()
    {
        CliResult result = await RunAsync("domains", "certificate", "web", "www.example.com", "--chain", "x.pem");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("give both --chain and --key", result.Error);
    }

    [Fact]
    public async Task Remove_Unknown_PrintsTheReasonAndFails()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("domains", "remove", web, "nope.example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: app '{web}' has no domain 'nope.example.com'" + Environment.NewLine, result.Error);
    }

    /// <summary>Adds <c>a.APP.example.com</c> to the app and proves it as its owner would: the TXT record, then verify.</summary>
    private async Task<string> VerifiedDomainAsync(string app)
    {
        string domain = $"a.{app}.example.com";
        CliResult added = await RunAsync("domains", "add", app, domain);
        Match record = Regex.Match(added.Out, "Add a DNS record: (\\S+) TXT \"(\\S+)\"");
        Assert.True(record.Success, added.Out + added.Error);
        Fixture.Dns.Set(record.Groups[1].Value, record.Groups[2].Value);
        CliResult verified = await RunAsync("domains", "verify", app, domain);
        Assert.True(verified.ExitCode == 0, verified.Out + verified.Error);
        return domain;
    }

    /// <summary>Writes a self-signed certificate for <paramref name="name"/> and its key as PEM files; returns their paths.</summary>
    private async Task<(string Chain, string Key)> CertificateFilesAsync(string name, string fileStem)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), NotAfter);
        string folder = ClientEnvironment().WorkingDirectory;
        string chainPath = Path.Combine(folder, $"{fileStem}.crt"), keyPath = Path.Combine(folder, $"{fileStem}.key");
        await File.WriteAllTextAsync(chainPath, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        return (chainPath, keyPath);
    }
}
