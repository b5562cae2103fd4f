using Berth.Acme;
using Berth.Core.Discovery;
using Berth.Discovery.Config;

namespace Berth.ControlPlane.Certificates;

/// <summary>
/// The installation's ACME account key, kept in discovery (<c>/caas/acme/account</c>, sealed like secret config and
/// outside the gateways' share) so every control plane that becomes leader uses the same account.
/// </summary>
internal sealed class AcmeAccount(IDiscoveryStore store, SecretProtector protector)
{
    /// <summary>Where the sealed key is kept.</summary>
    public const string Key = DiscoveryKeys.Root + "acme/account";

    /// <summary>The stored key, or a new one stored now.</summary>
    public async Task<AcmeAccountKey> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.GetPrefixAsync(Key, cancellationToken).ConfigureAwait(false);
        if (snapshot.Entries.FirstOrDefault(e => e.Key == Key) is { } stored)
        {
            return AcmeAccountKey.FromPem(protector.Unprotect(stored.Value, Key));
        }

        var key = AcmeAccountKey.Create();
        await store.PutAsync(Key, protector.Protect(key.ExportPem(), Key), cancellationToken).ConfigureAwait(false);
        return key;
    }
}
