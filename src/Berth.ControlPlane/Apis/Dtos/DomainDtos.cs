using Berth.Core.Gateway;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>POST /v1/apps/{id}/domains</c>.</summary>
public sealed record AddDomainRequest(string? Domain);

/// <summary>A custom domain; <see cref="Target"/> is the name to point it at by CNAME.</summary>
public sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt)
{
    public static DomainView From(CustomDomain domain, string baseDomain) =>
        new(domain.Domain, domain.AppId, $"{domain.AppId}.{baseDomain}", domain.CreatedAt);
}
