using Berth.Contracts;
using Berth.Core.Apps;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="Deployment"/> onto its view.</summary>
internal static class DeploymentViewMapping
{
    extension(DeploymentView)
    {
        public static DeploymentView From(Deployment d) =>
            new(d.Id, d.AppId, d.Version, d.Instances, WireNames.Of(d.State), d.Reason, d.CreatedAt, d.UpdatedAt) { Strategy = WireNames.Of(d.Strategy) };
    }
}
