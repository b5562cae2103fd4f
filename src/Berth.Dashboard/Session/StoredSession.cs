namespace Berth.Dashboard.Session;

/// <summary>What the browser keeps of a session (encrypted by the server).</summary>
internal sealed record StoredSession(string Token, string Tenant, bool IsAdmin);
