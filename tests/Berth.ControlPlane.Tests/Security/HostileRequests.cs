using System.Text;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// Makes malformed and hostile requests for the fuzz test: bad JSON, wrong types, huge bodies, odd Unicode in
/// ids, path tricks, wrong methods, bad tokens. None of them is a valid change for the caller it is sent as, so
/// after any number of them the stored state must be what it was.
/// </summary>
internal sealed class HostileRequests(Random random, string baseUrl, string ownerTenant, string ownerApp)
{
    /// <summary>Who sends a request.</summary>
    public enum Sender
    {
        /// <summary>The tenant owning the app: only malformed requests.</summary>
        Owner,
        /// <summary>Another tenant: anything, since nothing of the owner's is its to change.</summary>
        Intruder,
        /// <summary>The admin: only malformed requests.</summary>
        Admin,
        /// <summary>No token, or a bad one.</summary>
        Stranger,
    }

    private static readonly string[] WeirdIds =
    [
        "ÄPP", "app\u0000", "ａｐｐ", "app\u202egnp", "😀", "İstanbul", "a\u200db", "e\u0301", "CON", "<script>alert(1)</script>",
        "' OR 1=1 --", "${jndi:ldap://x/a}", " ", "\t", "app-", "-app", "ap_p", "Hello", new string('a', 3000), "..", ".", "%",
        "a%2Fb", "%00", "\\", "null", "[]", "{}", "0x41", "\ufeffapp", "ǅ", "app\r\nX-Injected: 1",
    ];

    private static readonly string[] BadJson =
    [
        "", "{", "}", "{\"id\":", "{\"id\":\"x\"", "[]", "null", "true", "0", "\"text\"", "{\"id\":123}", "{\"port\":\"x\"}",
        "{\"env\":[1,2]}", "{\"env\":{\"A\":null}}", "{\"instances\":1e400}", "{\"instances\":-1}", "{\"version\":{}}",
        "{\"id\":\"\\ud800\"}", "{\"value\":123}", "{\"secret\":\"yes\"}", "{'id':'x'}", "{\"id\":\"x\",}", "{\"a\":1,\"a\":2}",
        "\u0000", "{\"scope\":\"root\"}", "{\"scope\":\"admin\"}", "{\"description\":\"\\u0007bell\"}", "{\"healthCheck\":{\"path\":\"relative\"}}",
        "{\"memoryMb\":9999999999}", "{\"onFailure\":\"1\"}", "{\"readOnlyRootFilesystem\":\"yes\"}", "{\"id\":\"ab\",\"image\":\"UPPER\"}",
    ];

    private static readonly string[] PathTricks =
    [
        "/v1/apps/../tenants", "/v1/apps/%2e%2e/tenants", "//v1//apps", "/v1/apps/{app}/../../tenants", "/v1/apps/{app}%2f..%2f..%2ftenants",
        "/v1/%61pps/{app}", "/v1/apps/{app}%00", "/v1/apps/%c0%af", "/v1/apps/{app}/config/..%2f..%2f{app}", "/v1/apps/{app}/./",
        "/v1/apps/{app}/deployments/..%2f..%2f..%2ftenants", "/v1/tenants/{tenant}/tokens/..", "/v1/apps/{app};x=1", "/V1/APPS/{app}",
        "/v1/apps/{app}%20", "/v1/apps/%20{app}", "/v1/base-images/../../etc/passwd", "/v1/discovery/{app}%2f..%2f",
        "/v1/registry/token?scope=repository:{app}:push&scope=%00", "/v1/audit?limit=abc", "/v1/audit?limit=99999999999",
        "/v1/apps/{app}/config?wait=99999m&waitIndex=1", "/v1/apps/{app}/config?waitIndex=-5&wait=-1s",
    ];

    private static readonly (string Path, string[] Allowed)[] Routes =
    [
        ("/v1/apps", ["GET", "POST"]),
        ("/v1/apps/{app}", ["GET", "DELETE"]),
        ("/v1/apps/{app}/deployments", ["GET", "POST"]),
        ("/v1/apps/{app}/scale", ["PUT"]),
        ("/v1/apps/{app}/rollback", ["POST"]),
        ("/v1/apps/{app}/instances", ["GET"]),
        ("/v1/apps/{app}/config", ["GET"]),
        ("/v1/apps/{app}/config/KEY", ["GET", "PUT", "DELETE"]),
        ("/v1/tenants", ["GET", "POST"]),
        ("/v1/tenants/{tenant}/tokens", ["GET", "POST"]),
        ("/v1/hosts", ["GET"]),
        ("/v1/audit", ["GET"]),
        ("/v1/base-images", ["GET"]),
        ("/healthz", ["GET"]),
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "CONNECTX"];

    /// <summary>Where <see cref="BadJson"/> bodies go: each lacks what these calls require (an id, a version, a value).</summary>
    private static readonly (string Method, string Path)[] MalformedTargets =
    [
        ("POST", "/v1/apps"), ("POST", "/v1/apps/{app}/deployments"), ("PUT", "/v1/apps/{app}/scale"), ("PUT", "/v1/apps/{app}/config/KEY"),
    ];

    /// <summary>Bodies a token request refuses: it needs none, so only wrong values and broken JSON make it fail.</summary>
    private static readonly string[] BadTokenRequests =
    [
        "{", "{\"scope\":", "{\"scope\":1}", "{\"scope\":\"root\"}", "{\"scope\":\"admin\"}", "{\"scope\":\"ADMIN\"}", "{\"scope\":\"read-only \"}",
        "{\"description\":\"\\u0007bell\"}", "{\"description\":[]}", "{\"description\":\"" + new string('d', 101) + "\"}", "[1]", "\"x\"", "{\"scope\":\"\\ud800\"}",
    ];

    /// <summary>One request: who sends it, and the request itself.</summary>
    public (Sender Sender, HttpRequestMessage Request) Next()
    {
        return random.Next(7) switch
        {
            0 => (Pick(Sender.Owner, Sender.Admin), random.Next(4) == 0
                ? Request("POST", Fill("/v1/tenants/{tenant}/tokens"), BadTokenRequests[random.Next(BadTokenRequests.Length)])
                : Malformed(BadJson[random.Next(BadJson.Length)])),
            1 => (Pick(Sender.Owner, Sender.Admin), Malformed(HugeJson())),
            2 => WeirdId(),
            3 => (Pick(Sender.Intruder, Sender.Stranger), Request(Methods[random.Next(Methods.Length)], Fill(PathTricks[random.Next(PathTricks.Length)]))),
            4 => (Pick(Sender.Owner, Sender.Intruder, Sender.Admin), WrongMethod()),
            5 => (Sender.Intruder, Request(Pick("POST", "PUT", "DELETE"), Fill(Routes[random.Next(Routes.Length - 5) + 1].Path), "{\"version\":\"v1\",\"instances\":1,\"value\":\"x\"}")),
            _ => (Sender.Stranger, Request(Methods[random.Next(4)], Fill(Routes[random.Next(Routes.Length)].Path), "{}")),
        };
    }

    /// <summary>A garbage Authorization header for a stranger, or none.</summary>
    public string? StrangerAuthorization() => random.Next(6) switch
    {
        0 => null,
        1 => "Bearer ",
        2 => "Bearer berth_" + RandomText(43),
        3 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ownerTenant}:{RandomText(20)}")),
        4 => "Bearer " + new string('x', 5000),
        _ => RandomText(30),
    };

    private HttpRequestMessage Malformed(string body)
    {
        var (method, path) = MalformedTargets[random.Next(MalformedTargets.Length)];
        var request = Request(method, Fill(path), body);
        if (random.Next(5) == 0)
        {
            request.Content!.Headers.ContentType = new(Pick("text/plain", "application/xml", "application/x-www-form-urlencoded"));
        }

        return request;
    }

    private string HugeJson() => random.Next(3) switch
    {
        0 => "{\"id\":\"" + new string('a', 200_000) + "\"}",
        1 => "{\"env\":{" + string.Join(',', Enumerable.Range(0, 5000).Select(i => $"\"K{i}\":\"v\"")) + "}}",
        _ => new string('[', 5000) + new string(']', 5000),
    };

    /// <summary>
    /// An odd id in a path. Some odd ids are valid config keys (<c>CON</c>) or repository names (<c>ap_p</c>), so
    /// the owner's config and the base images are only written to by those who may not.
    /// </summary>
    private (Sender, HttpRequestMessage) WeirdId()
    {
        var id = Uri.EscapeDataString(WeirdIds[random.Next(WeirdIds.Length)]);
        var (sender, path) = random.Next(5) switch
        {
            0 => (Pick(Sender.Owner, Sender.Intruder, Sender.Stranger), $"/v1/apps/{id}"),
            1 => (Pick(Sender.Intruder, Sender.Stranger), $"/v1/apps/{ownerApp}/config/{id}"),
            2 => (Pick(Sender.Owner, Sender.Intruder, Sender.Admin), $"/v1/tenants/{id}/tokens/{id}"),
            3 => (Pick(Sender.Owner, Sender.Intruder), $"/v1/apps/{id}/deployments/{id}"),
            _ => (Pick(Sender.Owner, Sender.Intruder, Sender.Stranger), $"/v1/base-images/{id}"),
        };
        return (sender, Request(Pick("GET", "DELETE", "PUT", "POST"), path, "{\"value\":\"x\",\"version\":\"v1\"}"));
    }

    private HttpRequestMessage WrongMethod()
    {
        var (path, allowed) = Routes[random.Next(Routes.Length)];
        var wrong = Methods.Where(m => !allowed.Contains(m) && m is not ("HEAD" or "OPTIONS")).ToArray();
        return Request(wrong[random.Next(wrong.Length)], Fill(path), "{\"instances\":1}");
    }

    /// <summary>A request for exactly <paramref name="path"/>: no dot segments removed, no escapes undone on the way out.</summary>
    private HttpRequestMessage Request(string method, string path, string? body = null) =>
        new(new HttpMethod(method), new Uri(baseUrl.TrimEnd('/') + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }))
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
    };

    private string Fill(string path) => path.Replace("{app}", ownerApp, StringComparison.Ordinal).Replace("{tenant}", ownerTenant, StringComparison.Ordinal);

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

    private string RandomText(int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7f))]);
}
