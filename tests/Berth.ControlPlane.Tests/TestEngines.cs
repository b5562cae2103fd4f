using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// The two extra engines scripts/start-engines.sh runs: engine 1 on its unix socket, engine 2 over TCP with mutual
/// TLS, registered in a test server through the hosts API with advertise addresses 127.0.0.2 and 127.0.0.3.
/// </summary>
public static class TestEngines
{
    public const string Engine1 = "unix:///var/run/berth-engine1.sock";
    public const string Engine2 = "tcp://127.0.0.1:23762";

    private static readonly string TlsDirectory = Path.Combine(Environment.GetEnvironmentVariable("BERTH_RUN") ?? "/var/tmp/berth", "engines", "tls");

    /// <summary>The TLS files of engine 2, as the hosts API takes them.</summary>
    public static object Engine2Tls => new
    {
        caFile = Path.Combine(TlsDirectory, "ca.pem"),
        certFile = Path.Combine(TlsDirectory, "cert.pem"),
        keyFile = Path.Combine(TlsDirectory, "key.pem"),
    };

    /// <summary>
    /// Registers engine 1 as <paramref name="name"/> on 127.0.0.2 (or <paramref name="advertiseIp"/>: its bridge's
    /// address, 172.31.1.1, is one containers of the other engines reach), with the server's own port slice.
    /// </summary>
    public static Task<JsonElement> AddEngine1Async(BerthTestServer berth, string name, Dictionary<string, string> labels, string advertiseIp = "127.0.0.2") =>
        AddAsync(berth, new { name, engine = Engine1, advertiseIp, portRange = berth.Options.LocalPortRange, labels });

    /// <summary>Registers engine 2 as <paramref name="name"/> on 127.0.0.3 over TLS, with the server's own port slice.</summary>
    public static Task<JsonElement> AddEngine2Async(BerthTestServer berth, string name, Dictionary<string, string> labels) =>
        AddAsync(berth, new { name, engine = Engine2, tls = Engine2Tls, advertiseIp = "127.0.0.3", portRange = berth.Options.LocalPortRange, labels });

    private static async Task<JsonElement> AddAsync(BerthTestServer berth, object body)
    {
        var response = await berth.Admin.PostAsJsonAsync("/v1/hosts", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"adding a host failed ({(int)response.StatusCode}): {text} - is scripts/start-engines.sh running?");
        return JsonSerializer.Deserialize<JsonElement>(text, BerthTestServer.Json);
    }
}
