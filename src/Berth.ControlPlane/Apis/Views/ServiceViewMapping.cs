using Berth.Contracts;
using Berth.Core.Services;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="ManagedService"/> onto its view.</summary>
internal static class ServiceViewMapping
{
    extension(ServiceView)
    {
        public static ServiceView From(ManagedService s) => new(
            s.Id, s.Tenant, WireNames.Of(s.Type), s.Version, s.MemoryMb, s.StorageGb, s.HostName, $"{s.HostIp}:{s.HostPort}", s.Volume,
            WireNames.Of(s.State), s.Reason, s.CreatedAt);
    }
}
