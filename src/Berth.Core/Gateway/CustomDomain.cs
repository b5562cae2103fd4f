namespace Berth.Core.Gateway;

/// <summary>A domain name a tenant pointed at an app (by CNAME to <c>{appId}.{baseDomain}</c>); it belongs to that app alone.</summary>
public sealed record CustomDomain(string Domain, string AppId, DateTimeOffset CreatedAt);
