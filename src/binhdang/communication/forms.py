"""Forms of communication records. Numbers are typed as text ("1.234") and read by the
services (formats.numbers); unit, commune, task and campaign choices are what the user may use."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binhdang.formats.numbers import input_value, parse_id

from . import selectors
from .models import Channel, CostSource, FileKind, RoleModelKind, Topic

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAX_CHOICES = 1000  # units offered in a filter; one named by a link is added


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TaskField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        title = obj.title or obj.text
        return f"{obj.directive.number_symbol} · {obj.number} {title[:70]}"


class CampaignField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.starts_on:%d/%m/%Y} - {obj.ends_on:%d/%m/%Y})"


def count_field(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ActivityForm(forms.Form):
    org_unit = UnitField(label=_("unit"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("activity"), max_length=300)
    starts_on = forms.DateField(label=_("from"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    ends_on = forms.DateField(
        label=_("to"), widget=DATE_INPUT, input_formats=DATE_FORMATS, required=False
    )
    channel = forms.ChoiceField(label=_("channel"), choices=[("", "—"), *Channel.choices])
    topics = forms.MultipleChoiceField(
        label=_("topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place = UnitField(label=_("commune"), queryset=None, required=False)
    place_detail = forms.CharField(label=_("village, venue"), max_length=200, required=False)
    campaign = CampaignField(
        label=_("campaign"),
        queryset=None,
        required=False,
        help_text=_("Left empty, an activity held during the Action Month is filed under it."),
    )
    task = TaskField(label=_("directive task"), queryset=None, required=False)
    audience_total = count_field(_("people reached"))
    audience_women = count_field(_("of whom women"))
    audience_ethnic = count_field(_("of whom ethnic minority"))
    leaflets = count_field(_("leaflets"))
    banners = count_field(_("banners, panels, posters"))
    broadcasts = count_field(_("broadcasts"))
    articles = count_field(_("articles, posts"))
    other_products = count_field(_("other products"))
    other_products_note = forms.CharField(
        label=_("other products: what"), max_length=200, required=False
    )
    cost = count_field(_("cost (VND)"), _("In đồng, e.g. 2.500.000"))
    cost_source = forms.ChoiceField(
        label=_("source of funds"), choices=CostSource.choices, required=False
    )
    result = forms.CharField(
        label=_("result"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, activity=None, **kwargs):
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(activity)
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = selectors.editable_units(user)
        self.fields["place"].queryset = selectors.place_choices(user)
        self.fields["task"].queryset = selectors.task_choices(user)
        self.fields["campaign"].queryset = selectors.visible_campaigns(user).order_by("-starts_on")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


COUNT_NAMES = (
    "audience_total",
    "audience_women",
    "audience_ethnic",
    "leaflets",
    "banners",
    "broadcasts",
    "articles",
    "other_products",
    "cost",
)


def initial_of(activity) -> dict:
    initial = {
        "org_unit": activity.org_unit_id,
        "title": activity.title,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "channel": activity.channel,
        "topics": activity.topic_list,
        "place": activity.place_id,
        "place_detail": activity.place_detail,
        "campaign": activity.campaign_id,
        "task": activity.task_id,
        "other_products_note": activity.other_products_note,
        "cost_source": activity.cost_source,
        "result": activity.result,
    }
    for name in COUNT_NAMES:
        value = getattr(activity, name)
        initial[name] = input_value(value) if value else ""
    return initial


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    unit = forms.TypedChoiceField(label=_("unit"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    channel = forms.ChoiceField(
        label=_("channel"), required=False, choices=[("", _("All")), *Channel.choices]
    )
    topic = forms.ChoiceField(
        label=_("topic"), required=False, choices=[("", _("All")), *Topic.choices]
    )
    campaign = forms.TypedChoiceField(
        label=_("campaign"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(
        label=_("from"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    date_to = forms.DateField(
        label=_("to"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    sessions = forms.BooleanField(label=_("Sessions only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(selectors.readable_units(user)[:MAX_CHOICES])
        campaigns = list(selectors.visible_campaigns(user).order_by("-starts_on")[:50])
        # A link (a figure's "records" link) may name one beyond the first of the list.
        asked = self.data.get("unit") if self.is_bound else None
        if (unit_id := parse_id(asked)) and all(u.pk != unit_id for u in units):
            units += list(selectors.readable_units(user).filter(pk=unit_id))
        asked = self.data.get("campaign") if self.is_bound else None
        if (campaign_id := parse_id(asked)) and all(c.pk != campaign_id for c in campaigns):
            campaigns += list(selectors.visible_campaigns(user).filter(pk=campaign_id))
        self.fields["unit"].choices = [("", _("All units"))] + [(u.pk, u.name) for u in units]
        self.fields["year"].choices = [("", _("All years"))] + [
            (y, str(y)) for y in selectors.activity_years(user)
        ]
        self.fields["campaign"].choices = [("", _("All"))] + [(c.pk, c.title) for c in campaigns]


class FileForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=FileKind.choices)
    file = forms.FileField(label=_("file"))


class CampaignForm(forms.Form):
    org_unit = UnitField(label=_("launched by"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("title"), max_length=300)
    starts_on = forms.DateField(label=_("from"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    ends_on = forms.DateField(label=_("to"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = selectors.campaign_owner_units(user)


class RoleModelForm(forms.Form):
    org_unit = UnitField(label=_("unit"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("person or household"), choices=RoleModelKind.choices)
    name = forms.CharField(label=_("name"), max_length=200)
    ethnicity = forms.CharField(label=_("ethnic group"), max_length=60, required=False)
    commune = UnitField(label=_("commune"), queryset=None, required=False)
    village = forms.CharField(label=_("village"), max_length=200, required=False)
    role = forms.CharField(label=_("what they do"), widget=forms.Textarea(attrs={"rows": 3}))
    recognised_on = forms.DateField(
        label=_("recognised on"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    recognised_by = forms.CharField(label=_("recognised by"), max_length=300, required=False)

    def __init__(self, *args, user, role_model=None, **kwargs):
        if role_model is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "org_unit": role_model.org_unit_id,
                "kind": role_model.kind,
                "name": role_model.name,
                "ethnicity": role_model.ethnicity,
                "commune": role_model.commune_id,
                "village": role_model.village,
                "role": role_model.role,
                "recognised_on": role_model.recognised_on,
                "recognised_by": role_model.recognised_by,
            }
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = selectors.editable_units(user)
        self.fields["commune"].queryset = selectors.place_choices(user)
