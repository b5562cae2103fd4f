using Berth.Contracts;
using Berth.Core.Gateway;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="CustomDomain"/> onto its view.</summary>
public static class DomainViewMapping
{
    extension(DomainView)
    {
        public static DomainView From(CustomDomain domain, string baseDomain) =>
            new(domain.Domain, domain.AppId, $"{domain.AppId}.{baseDomain}", domain.CreatedAt);
    }
}
