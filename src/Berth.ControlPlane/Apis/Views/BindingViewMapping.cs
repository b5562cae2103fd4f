using Berth.ControlPlane.Services;
using Berth.Contracts;
using Berth.Core.Services;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="ServiceBinding"/> (and the rolling restart that applied it) onto its view.</summary>
internal static class BindingViewMapping
{
    extension(BindingView)
    {
        public static BindingView From(ServiceBinding b) => new(b.ServiceId, b.AppId, b.Prefix, b.User, BindingVariables.Names(b.Prefix), b.CreatedAt);

        public static BindingView From(BindingOutcome outcome) =>
            BindingView.From(outcome.Binding) with { Rollout = outcome.Rollout is { } rollout ? DeploymentView.From(rollout) : null };
    }
}
