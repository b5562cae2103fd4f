using Berth.Core.Apps;
using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>A binding made or removed, and the rolling restart that brought the app's containers in line (null when the app runs none).</summary>
internal sealed record BindingOutcome(ServiceBinding Binding, Deployment? Rollout);
