namespace Samordning.FollowUp.Domain;

/// <summary>The national frame of orientations and their categories (domain §3).</summary>
public static class Categories
{
    public static Orientation OrientationOf(InterventionCategory category) => category switch
    {
        InterventionCategory.Mapping or InterventionCategory.Preparatory
            or InterventionCategory.RehabilitationToWorkOrStudies or InterventionCategory.Preventive
            => Orientation.IndividualFocused,
        _ => Orientation.Structural,
    };

    public static bool BelongsTo(this InterventionCategory category, Orientation orientation) =>
        OrientationOf(category) == orientation;

    /// <summary>Structural interventions are counted, not followed individually, unless told otherwise.</summary>
    public static RegistrationMode DefaultRegistrationMode(Orientation orientation) =>
        orientation == Orientation.Structural ? RegistrationMode.CountOnly : RegistrationMode.Identified;
}
