import { useEffect, useState } from 'react';
import { Autocomplete, Box, Button, Chip, MenuItem, Paper, TextField } from '@mui/material';
import type { Api } from './api';
import {
  ATTRIBUTES, MAX_SUGGESTIONS, OPERATORS, OPERATOR_LABELS, STATUSES, SUGGESTED_VALUES, describeFilter, isListOperator,
  splitValues, type Filter, type Operator,
} from './filters';

/**
 * Equations "attribute operator value" as chips. Attributes are suggested (any other name searches a
 * job parameter); values are suggested from one summary grouped by the attribute: the values present
 * in the jobs the caller may see.
 */
export function SearchBar({ api, filters, onChange }: { api: Api; filters: Filter[]; onChange: (f: Filter[]) => void }) {
  const [parameter, setParameter] = useState<string>('Status');
  const [operator, setOperator] = useState<Operator>('eq');
  const [value, setValue] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    const base = parameter === 'Status' ? [...STATUSES] : [];
    if (!SUGGESTED_VALUES.has(parameter)) { setSuggestions(base); return; }
    api.summary([parameter], []).then((rows) => {
      if (!current) return;
      const present = [...rows].sort((a, b) => b.count - a.count).slice(0, MAX_SUGGESTIONS)
        .map((r) => String(r[parameter] ?? '')).filter((v) => v !== '');
      setSuggestions([...new Set([...present, ...base])]);
    }).catch(() => { if (current) setSuggestions(base); });
    return () => { current = false; };
  }, [api, parameter]);

  const add = () => {
    const values = isListOperator(operator) ? splitValues(value) : [value.trim()];
    if (!parameter || values.length === 0 || values[0] === '') return;
    onChange([...filters, { parameter, operator, values }]);
    setValue('');
  };

  return (
    <Paper sx={{ p: 1, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }} data-testid="search-bar">
      {filters.map((f, i) => (
        <Chip key={i} label={describeFilter(f)} color="primary" variant="outlined" data-testid="filter-chip"
          onDelete={() => onChange(filters.filter((_, j) => j !== i))} />
      ))}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexGrow: 1 }}>
        <Autocomplete freeSolo size="small" sx={{ width: 200 }} options={[...ATTRIBUTES]} value={parameter}
          onInputChange={(_, v) => setParameter(v)}
          renderInput={(params) => <TextField {...params} label="Attribute"
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'filter-attribute' } }} />} />
        <TextField select size="small" label="Operator" value={operator} sx={{ width: 110 }}
          onChange={(e) => setOperator(e.target.value as Operator)}
          slotProps={{ htmlInput: { 'data-testid': 'filter-operator' } }}>
          {OPERATORS.map((o) => <MenuItem key={o} value={o}>{OPERATOR_LABELS[o]}{o !== OPERATOR_LABELS[o] && o.length < 4 ? ` (${o})` : ''}</MenuItem>)}
        </TextField>
        <Autocomplete freeSolo size="small" sx={{ width: 260 }} options={suggestions} inputValue={value}
          onInputChange={(_, v) => setValue(v)}
          renderInput={(params) => <TextField {...params}
            label={isListOperator(operator) ? 'Values (comma separated)' : operator.includes('like') ? 'Value (% and _ wildcards)' : 'Value'}
            onKeyDown={(e) => { if (e.key === 'Enter' && !e.defaultPrevented) { e.preventDefault(); add(); } }}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'filter-value' } }} />} />
        <Button variant="contained" onClick={add} data-testid="filter-add">Add filter</Button>
        {filters.length > 0 && <Button onClick={() => onChange([])}>Clear</Button>}
      </Box>
    </Paper>
  );
}
