using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Acme;

/// <summary>
/// An RFC 8555 client for one account: reads the directory, keeps a nonce (a <c>badNonce</c> refusal is retried once
/// with the nonce it carried), signs every request with the account key (<c>jwk</c> for newAccount, <c>kid</c> after)
/// and turns problem documents into <see cref="AcmeException"/>s. <see cref="IssueAsync"/> is the whole HTTP-01 flow.
/// Not thread-safe: one issuance at a time per client.
/// </summary>
public sealed partial class AcmeClient(HttpClient http, Uri directoryUrl, AcmeAccountKey key, TimeProvider time)
{
    private const string BadNonce = "badNonce";
    private static readonly TimeSpan DefaultPollDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(10);

    private AcmeDirectory? _directory;
    private string? _nonce;

    /// <summary>How long an authorization or order may stay pending or processing before the issuance is given up.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The account's URL (its <c>kid</c>) once <see cref="RegisterAsync"/> ran.</summary>
    public Uri? AccountUrl { get; private set; }

    /// <summary>
    /// Creates the account for the key, agreeing to the terms of service, or finds the existing one (the server answers
    /// the same URL for a key it knows); returns the account URL.
    /// </summary>
    public async Task<Uri> RegisterAsync(string? email, CancellationToken cancellationToken)
    {
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var payload = new AcmeNewAccount(true, email is null ? null : ["mailto:" + email]);
        var response = await PostAsync(directory.NewAccount, null, Serialize(payload, AcmeJsonContext.Default.AcmeNewAccount), cancellationToken).ConfigureAwait(false);
        AccountUrl = response.Location ?? throw new AcmeException("newAccount answered without the account's Location");
        return AccountUrl;
    }

    /// <summary>The directory, read once.</summary>
    public async Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is { } directory)
        {
            return directory;
        }

        using var response = await http.GetAsync(directoryUrl, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AcmeException($"The ACME directory {directoryUrl} answered {(int)response.StatusCode}", TryReadProblem(body));
        }

        return _directory = Deserialize(body, AcmeJsonContext.Default.AcmeDirectory, directoryUrl);
    }

    /// <summary>A POST of <paramref name="payload"/> (empty: POST-as-GET) signed as the registered account.</summary>
    private Task<AcmeResponse> PostAsync(Uri url, byte[] payload, CancellationToken cancellationToken, string? accept = null) =>
        PostAsync(url, AccountUrl ?? throw new InvalidOperationException("Register the ACME account first."), payload, cancellationToken, accept);

    /// <summary>A signed POST naming the key by <paramref name="kid"/>, or by its JWK when null; a problem answer throws.</summary>
    private async Task<AcmeResponse> PostAsync(Uri url, Uri? kid, byte[] payload, CancellationToken cancellationToken, string? accept = null)
    {
        var retriedNonce = false;
        while (true)
        {
            var nonce = _nonce ?? await NewNonceAsync(cancellationToken).ConfigureAwait(false);
            _nonce = null;
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(key.Sign(url.AbsoluteUri, nonce, kid?.AbsoluteUri, payload)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            KeepNonce(response);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new AcmeResponse(body, response.Headers.Location is { } location ? new Uri(url, location) : null, RetryAfter(response));
            }

            var problem = TryReadProblem(body);

            // RFC 8555 §6.5: a refused nonce is retried with a fresh one (the refusal's, or a new one when it carried none).
            if (problem?.Kind == BadNonce && !retriedNonce)
            {
                retriedNonce = true;
                continue;
            }

            throw new AcmeException($"POST {url} answered {(int)response.StatusCode}", problem);
        }
    }

    private async Task<string> NewNonceAsync(CancellationToken cancellationToken)
    {
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Head, directory.NewNonce);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        KeepNonce(response);
        return _nonce ?? throw new AcmeException($"newNonce ({directory.NewNonce}) answered {(int)response.StatusCode} without a Replay-Nonce");
    }

    private void KeepNonce(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Replay-Nonce", out var nonces) && nonces.FirstOrDefault() is { Length: > 0 } nonce)
        {
            _nonce = nonce;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };

    /// <summary>The wait before polling again: what the server asked for, within bounds, a second when it did not say.</summary>
    private static TimeSpan PollDelay(TimeSpan? retryAfter) =>
        retryAfter is { } asked ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, 0, MaxPollDelay.Ticks)) : DefaultPollDelay;

    private static AcmeProblem? TryReadProblem(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, AcmeJsonContext.Default.AcmeProblem);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> type, Uri from)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new AcmeException($"{from} answered null");
        }
        catch (JsonException e)
        {
            throw new AcmeException($"{from} answered JSON that is not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);
}
