using Berth.Acme;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Certificates;

/// <summary>
/// Publishes HTTP-01 answers where every gateway reads them (<c>/caas/acme/challenges/{token}</c>), then waits until
/// each registered gateway answers the token, so the ACME server's check finds it on whichever gateway it reaches.
/// </summary>
internal sealed class GatewayChallengeResponder(IDiscoveryStore store, HttpClient http, TimeProvider time) : IHttp01Responder
{
    private static readonly TimeSpan PropagationTimeout = TimeSpan.FromSeconds(10);

    public async Task PublishAsync(string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        await store.PutAsync(GatewayKeys.AcmeChallenge(token), keyAuthorization, cancellationToken).ConfigureAwait(false);
        var members = await store.GetPrefixAsync(GatewayKeys.MemberRoot, cancellationToken).ConfigureAwait(false);
        var deadline = time.GetUtcNow() + PropagationTimeout;
        foreach (var member in members.Entries)
        {
            // A gateway that never answers (gone, or unable to read the answers) must not hold the issuance up for long.
            while (!await AnswersAsync(member.Value, token, keyAuthorization, cancellationToken).ConfigureAwait(false) && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task WithdrawAsync(string token, CancellationToken cancellationToken) =>
        store.DeleteAsync(GatewayKeys.AcmeChallenge(token), cancellationToken);

    private async Task<bool> AnswersAsync(string gatewayUrl, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        try
        {
            var url = new Uri(new Uri(gatewayUrl), "/.well-known/acme-challenge/" + token);
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) == keyAuthorization;
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
