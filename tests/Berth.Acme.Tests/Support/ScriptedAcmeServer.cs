using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Berth.Acme.Tests.Support;

/// <summary>
/// A hand-written ACME server for the nonce logic only: a directory, newNonce handing out n0, n1…, and newAccount
/// refusing the first <see cref="RefuseNonces"/> requests with <c>badNonce</c> (each refusal carrying a fresh nonce).
/// </summary>
internal sealed class ScriptedAcmeServer : HttpMessageHandler
{
    public static readonly Uri Directory = new("https://acme.test/dir");

    private int _nextNonce;

    public int RefuseNonces { get; init; }

    /// <summary>The nonce of every signed request, in the order they came.</summary>
    public List<string> SignedNonces { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/dir")
        {
            return Json(HttpStatusCode.OK, """{"newNonce":"https://acme.test/nonce","newAccount":"https://acme.test/account","newOrder":"https://acme.test/order"}""");
        }

        if (path == "/nonce")
        {
            return WithNonce(new HttpResponseMessage(HttpStatusCode.OK));
        }

        var jws = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken)).RootElement;
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jws.GetProperty("protected").GetString())).RootElement;
        SignedNonces.Add(header.GetProperty("nonce").GetString()!);
        if (SignedNonces.Count <= RefuseNonces)
        {
            var refused = Json(HttpStatusCode.BadRequest, """{"type":"urn:ietf:params:acme:error:badNonce","detail":"stale nonce","status":400}""");
            refused.Content.Headers.ContentType = new("application/problem+json");
            return WithNonce(refused);
        }

        var created = Json(HttpStatusCode.Created, """{"status":"valid"}""");
        created.Headers.Location = new Uri("https://acme.test/account/1");
        return WithNonce(created);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private HttpResponseMessage WithNonce(HttpResponseMessage response)
    {
        response.Headers.Add("Replay-Nonce", "n" + _nextNonce++);
        return response;
    }
}
