namespace Berth.Projects.Compose;

/// <summary>A service this one starts after, and what it must have reached first.</summary>
public sealed record ComposeDependency(string Service, DependencyCondition Condition);
