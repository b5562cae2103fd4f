using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Acme;

public sealed partial class AcmeClient
{
    private const string Http01 = "http-01";

    /// <summary>
    /// Gets a certificate for <paramref name="names"/> (DNS names; the first is the subject) whose key is
    /// <paramref name="certificateKey"/>: orders it, answers each authorization's HTTP-01 challenge through
    /// <paramref name="responder"/> (withdrawn again whatever happens), waits for the authorizations and the order,
    /// finalizes with a CSR and returns the PEM chain (leaf first). Failures carry the server's problem document.
    /// </summary>
    public async Task<string> IssueAsync(IReadOnlyList<string> names, ECDsa certificateKey, IHttp01Responder responder, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(names.Count);
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var identifiers = names.Select(n => new AcmeIdentifier("dns", n)).ToList();
        var created = await PostAsync(directory.NewOrder, Serialize(new AcmeNewOrder(identifiers), AcmeJsonContext.Default.AcmeNewOrder), cancellationToken).ConfigureAwait(false);
        var orderUrl = created.Location ?? throw new AcmeException("newOrder answered without the order's Location");
        var order = Deserialize(created.Body, AcmeJsonContext.Default.AcmeOrder, orderUrl);

        var published = new List<string>();
        try
        {
            var pending = new List<Uri>();
            foreach (var authorizationUrl in order.Authorizations)
            {
                var authorization = await GetAsync(authorizationUrl, AcmeJsonContext.Default.AcmeAuthorization, cancellationToken).ConfigureAwait(false);
                if (authorization.Status == "valid")
                {
                    continue;
                }

                var challenge = authorization.Challenges.FirstOrDefault(c => c.Type == Http01)
                    ?? throw new AcmeException($"The server offers no {Http01} challenge for {authorization.Identifier.Value}");
                var token = ValidToken(challenge.Token);
                await responder.PublishAsync(token, key.KeyAuthorization(token), cancellationToken).ConfigureAwait(false);
                published.Add(token);
                await PostAsync(challenge.Url, "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                pending.Add(authorizationUrl);
            }

            foreach (var authorizationUrl in pending)
            {
                var authorization = await PollAsync(authorizationUrl, AcmeJsonContext.Default.AcmeAuthorization, a => a.Status != "pending", cancellationToken).ConfigureAwait(false);
                if (authorization.Status != "valid")
                {
                    var failed = authorization.Challenges.FirstOrDefault(c => c.Type == Http01);
                    throw new AcmeException($"The authorization of {authorization.Identifier.Value} is {authorization.Status}", failed?.Error);
                }
            }

            order = await PollAsync(orderUrl, AcmeJsonContext.Default.AcmeOrder, o => o.Status != "pending", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var token in published)
            {
                // Withdrawn even when the issuance was cancelled: the answer must not outlive the attempt.
                await responder.WithdrawAsync(token, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (order.Status != "ready")
        {
            throw new AcmeException($"The order for {string.Join(", ", names)} is {order.Status}, not ready", order.Error);
        }

        var csr = Base64Url.EncodeToString(SigningRequest(names, certificateKey));
        var finalized = await PostAsync(order.Finalize, Serialize(new AcmeFinalize(csr), AcmeJsonContext.Default.AcmeFinalize), cancellationToken).ConfigureAwait(false);
        order = Deserialize(finalized.Body, AcmeJsonContext.Default.AcmeOrder, order.Finalize);
        if (order.Status is "processing" or "ready")
        {
            order = await PollAsync(orderUrl, AcmeJsonContext.Default.AcmeOrder, o => o.Status is not ("processing" or "ready"), cancellationToken).ConfigureAwait(false);
        }

        if (order.Status != "valid" || order.Certificate is null)
        {
            throw new AcmeException($"The order for {string.Join(", ", names)} ended {order.Status} without a certificate", order.Error);
        }

        var chain = await PostAsync(order.Certificate, [], cancellationToken, accept: "application/pem-certificate-chain").ConfigureAwait(false);
        return Encoding.UTF8.GetString(chain.Body);
    }

    /// <summary>A PKCS#10 request (DER) for the names, signed by the certificate's key.</summary>
    internal static byte[] SigningRequest(IReadOnlyList<string> names, ECDsa certificateKey)
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + names[0]), certificateKey, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternativeNames.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        return request.CreateSigningRequest();
    }

    /// <summary>
    /// The challenge's token, checked to be base64url as RFC 8555 §8.3 requires: it becomes a URL path segment and a
    /// discovery key, so a server must not be able to smuggle a slash or a dot-dot into either.
    /// </summary>
    private static string ValidToken(string? token) =>
        token is { Length: > 0 and <= 256 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? token
            : throw new AcmeException($"The server sent an {Http01} token that is not base64url: '{token}'");

    private async Task<T> GetAsync<T>(Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, [], cancellationToken).ConfigureAwait(false);
        return Deserialize(response.Body, type, url);
    }

    /// <summary>Reads <paramref name="url"/> until <paramref name="settled"/>, waiting as the server asks between reads, up to <see cref="PollTimeout"/>.</summary>
    private async Task<T> PollAsync<T>(Uri url, JsonTypeInfo<T> type, Func<T, bool> settled, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + PollTimeout;
        while (true)
        {
            var response = await PostAsync(url, [], cancellationToken).ConfigureAwait(false);
            var value = Deserialize(response.Body, type, url);
            if (settled(value))
            {
                return value;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new AcmeException($"{url} did not settle within {PollTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(PollDelay(response.RetryAfter), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
