using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace Berth.Dashboard.Session;

/// <summary>
/// Who is signed in on this circuit: the token every API call carries. It is also kept, encrypted, in the browser's
/// sessionStorage, so a reload of the tab stays signed in and closing it signs out.
/// </summary>
public sealed class DashboardSession(ProtectedSessionStorage storage)
{
    private const string StorageKey = "berth.session";

    /// <summary>The signed-in token, or null.</summary>
    public string? Token { get; private set; }

    /// <summary>True for an admin's token: the dashboard then offers the operator's pages.</summary>
    public bool IsAdmin { get; private set; }

    /// <summary>The tenant the token belongs to, shown in the navigation.</summary>
    public string? Tenant { get; private set; }

    public bool SignedIn => Token is not null;

    /// <summary>True once the browser's storage was read (it can be only after the first interactive render).</summary>
    public bool Restored { get; private set; }

    public event Action? Changed;

    /// <summary>Reads the token kept in the tab, once per circuit.</summary>
    public async Task RestoreAsync()
    {
        if (Restored)
        {
            return;
        }

        try
        {
            var kept = await storage.GetAsync<StoredSession>(StorageKey);
            if (kept is { Success: true, Value: { } value })
            {
                (Token, IsAdmin, Tenant) = (value.Token, value.IsAdmin, value.Tenant);
            }
        }
        catch (CryptographicException)
        {
            // Protected with keys this server does not have (its key ring was deleted, or another server kept it): sign in again.
        }
        catch (JSDisconnectedException)
        {
            // The tab went away while reading.
        }

        Restored = true;
        Changed?.Invoke();
    }

    public async Task SignInAsync(string token, string tenant, bool isAdmin)
    {
        (Token, Tenant, IsAdmin, Restored) = (token, tenant, isAdmin, true);
        await storage.SetAsync(StorageKey, new StoredSession(token, tenant, isAdmin));
        Changed?.Invoke();
    }

    public async Task SignOutAsync()
    {
        (Token, Tenant, IsAdmin) = (null, null, false);
        await storage.DeleteAsync(StorageKey);
        Changed?.Invoke();
    }
}
